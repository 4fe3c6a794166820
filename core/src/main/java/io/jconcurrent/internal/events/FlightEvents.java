package io.jconcurrent.internal.events;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Work;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A batch's Java Flight Recorder events: one {@link BatchEvent}, and one {@link TaskEvent} per task.
 * With no recording on, each task costs one small object that the JIT usually removes, and nothing is
 * read from its result. The engine calls {@link #taskStarting()} when a worker takes a task and
 * {@link #taskEnded} with its result, on the same thread.
 */
public final class FlightEvents {

    /** Batches started in this JVM: each batch's events carry its number. */
    private static final AtomicLong BATCHES = new AtomicLong();

    private final long batch = BATCHES.incrementAndGet();
    private final String work;
    private final int workers;
    private final Duration timeout;
    private final BatchEvent batchEvent = new BatchEvent();
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
    }

    /** The batch starts now. */
    public void batchStarting() {
        batchEvent.begin();
    }

    /** A worker has taken a task and starts on it now; pass the result to {@link #taskEnded}. */
    public TaskEvent taskStarting() {
        TaskEvent event = new TaskEvent();
        event.begin();
        return event;
    }

    /**
     * The task of {@code event} ended with {@code result}.
     *
     * @param pid the process that ran it (a command's, or its worker JVM's), or -1 if none or in this JVM
     */
    public void taskEnded(TaskEvent event, ProcResult result, long pid) {
        if (!event.shouldCommit()) {
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

    /** The batch is over: {@code results} are all its tasks' (null if the batch itself failed). */
    public void batchEnded(List<ProcResult> results, Throwable error) {
        if (!batchEvent.shouldCommit()) {
            return;
        }
        batchEvent.batch = batch;
        batchEvent.work = work;
        batchEvent.workers = workers;
        batchEvent.timeout = timeout.toNanos();
        if (results != null) {
            batchEvent.tasks = results.size();
            for (ProcResult r : results) {
                switch (r.status()) {
                    case SUCCEEDED -> batchEvent.succeeded++;
                    case FAILED -> batchEvent.failed++;
                    case TIMED_OUT -> batchEvent.timedOut++;
                    case CANCELLED -> batchEvent.cancelled++;
                }
            }
        }
        batchEvent.error = error == null ? null : String.valueOf(error.getMessage());
        batchEvent.commit();
    }
}
