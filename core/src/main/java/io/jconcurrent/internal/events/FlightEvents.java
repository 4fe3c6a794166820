package io.jconcurrent.internal.events;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.TaskTimeout;
import io.jconcurrent.Work;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.FlightRecorder;

/**
 * A batch's Java Flight Recorder events: one {@link BatchEvent}, and one {@link TaskEvent} per run of a
 * task (a retried task has one per attempt). The engine's task driver calls {@link #taskStarting()} as
 * an attempt begins and {@link #taskEnded} with its result, on the same thread.
 *
 * <p>A batch records events only if Flight Recorder was started in this JVM before the batch began
 * ({@code -XX:StartFlightRecording}, {@code jcmd JFR.start}, or a {@code jdk.jfr.Recording}). Otherwise
 * the event classes are never used (the JIT compiler may load {@code TaskEvent} and
 * {@code jdk.jfr.Event} as it compiles the task path, which initialises nothing): using the first one
 * initialises Flight Recorder's own classes (about 280 classes and 0.2 s of CPU in a fresh JVM, measured
 * on JDK 25), which a short-lived CLI run or a batch of quick functions would feel. Then each task costs
 * a null check.
 */
public final class FlightEvents {

    /** Batches started in this JVM: each batch's events carry its number. */
    private static final AtomicLong BATCHES = new AtomicLong();

    private final long batch = BATCHES.incrementAndGet();
    /** Null when Flight Recorder was not started: then nothing here touches a {@code jdk.jfr} class. */
    private final BatchEvent batchEvent;
    /** The rest are set only when {@link #batchEvent} is not null. */
    private final String work;
    private final int workers;
    /** The fixed limit per task in nanoseconds; 0 for none, or for a limit chosen per task. */
    private final long timeoutNanos;
    /** Results so far by {@link io.jconcurrent.Status} ordinal. */
    private final AtomicIntegerArray counts;
    /** This JVM's pid for tasks that run in it, else -1 (a task that never got a process). */
    private final long inProcessPid;

    /**
     * @param work      the batch's kind of work
     * @param placement where its tasks run
     * @param workers   its cap on tasks at once, 0 for none
     * @param timeout   its time limit per task
     */
    public FlightEvents(Work work, Placement placement, int workers, TaskTimeout timeout) {
        // One small class, about 0.1 ms; jdk.jfr.Event and the rest load only if this says yes.
        this.batchEvent = FlightRecorder.isInitialized() ? new BatchEvent() : null;
        if (batchEvent == null) {
            this.work = null;
            this.workers = 0;
            this.timeoutNanos = 0;
            this.counts = null;
            this.inProcessPid = -1;
            return;
        }
        // If-chains, not type switches: a switch's first run bootstraps a call site.
        boolean local = placement == Placement.IN_PROCESS || placement == Placement.WORKER_JVM;
        String where = local ? "" : " (" + placement + ")";
        boolean inProcess = false;
        if (work instanceof Work.Command) {
            this.work = "command" + where;
        } else if (work instanceof Work.Call) {
            inProcess = placement == Placement.IN_PROCESS;
            this.work = local ? (inProcess ? "function (in process)" : "function (worker JVM)") : "function" + where;
        } else {
            inProcess = local;
            this.work = "async function" + where;
        }
        this.workers = workers;
        this.timeoutNanos = timeout instanceof TaskTimeout.Fixed f ? f.limit().toNanos() : 0;
        this.inProcessPid = inProcess ? ProcessHandle.current().pid() : -1;
        this.counts = new AtomicIntegerArray(Status.values().length);
    }

    /** The batch starts now. */
    public void batchStarting() {
        if (batchEvent != null) {
            batchEvent.begin();
        }
    }

    /**
     * An attempt of a task starts now; pass what this returns to {@link #taskEnded}.
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
     * The attempt of {@code event} ended with {@code result}.
     *
     * @param event  what {@link #taskStarting()} returned
     * @param result the attempt's result
     * @param pid    the process that ran it (a command's, or its worker JVM's), or -1 if none or in this JVM
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
        event.attempt = result.attempt();
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
        batchEvent.timeout = timeoutNanos;
        batchEvent.succeeded = counts.get(Status.SUCCEEDED.ordinal());
        batchEvent.failed = counts.get(Status.FAILED.ordinal());
        batchEvent.timedOut = counts.get(Status.TIMED_OUT.ordinal());
        batchEvent.cancelled = counts.get(Status.CANCELLED.ordinal());
        batchEvent.tasks = batchEvent.succeeded + batchEvent.failed + batchEvent.timedOut + batchEvent.cancelled;
        batchEvent.error = error == null ? null : String.valueOf(error.getMessage());
        batchEvent.commit();
    }
}
