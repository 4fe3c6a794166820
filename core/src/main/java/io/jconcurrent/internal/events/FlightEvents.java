package io.jconcurrent.internal.events;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.Work;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.FlightRecorder;

/**
 * A batch's Java Flight Recorder events: one {@link BatchEvent}, and one {@link TaskEvent} per task.
 * The engine calls {@link #taskStarting()} when a worker takes a task and {@link #taskEnded} with its
 * result, on the same thread.
 *
 * <p>A batch records events only if Flight Recorder was started in this JVM before the batch began
 * ({@code -XX:StartFlightRecording}, {@code jcmd JFR.start}, or a {@code jdk.jfr.Recording}). Otherwise
 * the event classes are never loaded: loading the first one initialises Flight Recorder's own classes
 * (about 280 classes and 0.2 s of CPU in a fresh JVM, measured on JDK 25), which a short-lived CLI run
 * or a batch of quick functions would feel. Then each task costs a null check.
 */
public final class FlightEvents {

    /** Batches started in this JVM: each batch's events carry its number. */
    private static final AtomicLong BATCHES = new AtomicLong();

    private final long batch = BATCHES.incrementAndGet();
    private final String work;
    private final int workers;
    private final Duration timeout;
    /** Null when Flight Recorder was not started: then nothing here touches a {@code jdk.jfr} class. */
    private final BatchEvent batchEvent;
    /** Results so far by {@link io.jconcurrent.Status} ordinal; null when {@link #batchEvent} is. */
    private final AtomicIntegerArray counts;
    /** This JVM's pid for tasks that run in it, else -1 (a task that never got a process). */
    private final long inProcessPid;

    /**
     * @param work      the batch's kind of work
     * @param placement where its functions run
     * @param workers   its cap on tasks at once, 0 for none
     * @param timeout   its time limit per task, zero for none
     */
    public FlightEvents(Work work, Placement placement, int workers, Duration timeout) {
        boolean inProcess = !(work instanceof Work.Command)
                && (work instanceof Work.AsyncFunction || placement != Placement.WORKER_JVM);
        this.work = switch (work) {
            case Work.Command c -> "command";
            case Work.Function f -> inProcess ? "function (in process)" : "function (worker JVM)";
            case Work.AsyncFunction f -> "async function";
        };
        this.workers = workers;
        this.timeout = timeout;
        this.inProcessPid = inProcess ? ProcessHandle.current().pid() : -1;
        // One small class, about 0.1 ms; jdk.jfr.Event and the rest load only if this says yes.
        this.batchEvent = FlightRecorder.isInitialized() ? new BatchEvent() : null;
        this.counts = batchEvent != null ? new AtomicIntegerArray(Status.values().length) : null;
    }

    /** The batch starts now. */
    public void batchStarting() {
        if (batchEvent != null) {
            batchEvent.begin();
        }
    }

    /**
     * A worker has taken a task and starts on it now; pass what this returns to {@link #taskEnded}.
     *
     * @return the task's event, or null if this batch records none
     */
    public TaskEvent taskStarting() {
        if (batchEvent == null) {
            return null;
        }
        TaskEvent event = new TaskEvent();
        event.begin();
        return event;
    }

    /**
     * The task of {@code event} ended with {@code result}.
     *
     * @param event what {@link #taskStarting()} returned
     * @param pid   the process that ran it (a command's, or its worker JVM's), or -1 if none or in this JVM
     */
    public void taskEnded(TaskEvent event, ProcResult result, long pid) {
        if (event == null || !event.shouldCommit()) {
            return;
        }
        event.batch = batch;
        event.key = String.valueOf(result.key());
        event.work = work;
        event.timeStart = Math.floorDiv(result.timeStartEpochNanos(), 1_000_000L);
        event.timeRun = result.timeRunNanos();
        event.queueWait = result.queueWaitNanos();
        event.status = result.status().name();
        event.stopReason = result.stopReason().name();
        event.returnCode = result.returnCode();
        event.pid = pid > 0 ? pid : inProcessPid;
        event.worker = Thread.currentThread().getName();
        event.attempt = 1; // the engine runs each task once; retries live in the CLI (issue 11 moves them)
        event.cause = result.cause();
        event.commit();
    }

    /**
     * Counts a task's result for the batch event: every task's, whether it ran or not, once, from any
     * thread. (Counted as they come, since a batch may keep no results: {@code retainResults(false)}.)
     *
     * @param result the task's result
     */
    public void counted(ProcResult result) {
        if (counts != null) {
            counts.incrementAndGet(result.status().ordinal());
        }
    }

    /**
     * The batch is over: every task's result has been {@linkplain #counted counted}.
     *
     * @param error why the batch itself failed (its task source threw), or null
     */
    public void batchEnded(Throwable error) {
        if (batchEvent == null || !batchEvent.shouldCommit()) {
            return;
        }
        batchEvent.batch = batch;
        batchEvent.work = work;
        batchEvent.workers = workers;
        batchEvent.timeout = timeout.toNanos();
        batchEvent.succeeded = counts.get(Status.SUCCEEDED.ordinal());
        batchEvent.failed = counts.get(Status.FAILED.ordinal());
        batchEvent.timedOut = counts.get(Status.TIMED_OUT.ordinal());
        batchEvent.cancelled = counts.get(Status.CANCELLED.ordinal());
        batchEvent.tasks = batchEvent.succeeded + batchEvent.failed + batchEvent.timedOut + batchEvent.cancelled;
        batchEvent.error = error == null ? null : String.valueOf(error.getMessage());
        batchEvent.commit();
    }
}
