package io.jconcurrent.internal;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Work;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A batch's Java Flight Recorder events: one {@link BatchEvent}, and one {@link TaskEvent} per task.
 * With no recording on, each task costs one small object that the JIT usually removes, and nothing is
 * read from its result. The engine calls {@link #taskStarting()} when a worker takes a task and
 * {@link #taskEnded} with its result, on the same thread.
 */
final class FlightEvents {

    /** Batches started in this JVM: each batch's events carry its number. */
    private static final AtomicLong BATCHES = new AtomicLong();

    private final long batch = BATCHES.incrementAndGet();
    private final BatchConfig config;
    private final String work;
    private final BatchEvent batchEvent = new BatchEvent();
    /** This JVM's pid for tasks that run in it, else -1 (a task that never got a process). */
    private final long inProcessPid;

    FlightEvents(BatchConfig config) {
        this.config = config;
        this.work = switch (config.work()) {
            case Work.Command c -> "command";
            case Work.Function f -> config.placement() == Placement.WORKER_JVM
                    ? "function (worker JVM)" : "function (in process)";
            case Work.AsyncFunction f -> "async function";
        };
        boolean inProcess = !(config.work() instanceof Work.Command) && !work.endsWith("(worker JVM)");
        this.inProcessPid = inProcess ? ProcessHandle.current().pid() : -1;
    }

    /** The batch starts now. */
    void batchStarting() {
        batchEvent.begin();
    }

    /** A worker has taken a task and starts on it now; pass the result to {@link #taskEnded}. */
    TaskEvent taskStarting() {
        TaskEvent event = new TaskEvent();
        event.begin();
        return event;
    }

    /**
     * The task of {@code event} ended with {@code result}.
     *
     * @param pid the process that ran it (command or worker JVM), or -1: see {@link TaskHandle#runsIn}
     */
    void taskEnded(TaskEvent event, ProcResult result, long pid) {
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
    void batchEnded(List<ProcResult> results, Throwable error) {
        if (!batchEvent.shouldCommit()) {
            return;
        }
        batchEvent.batch = batch;
        batchEvent.work = work;
        batchEvent.workers = config.workers();
        batchEvent.timeout = config.timeout().toNanos();
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
