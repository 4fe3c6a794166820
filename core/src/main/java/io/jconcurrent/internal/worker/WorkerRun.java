package io.jconcurrent.internal.worker;

import io.jconcurrent.Outcome;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import java.io.OutputStream;
import java.time.Duration;

/**
 * One function task in a worker JVM: waits for a free worker (starting one if the pool has room), sends
 * the task, and reads the worker's frames on the task's own thread until its result, so a reply wakes
 * that thread directly. A pipe read cannot be interrupted, so a deadline or a stop kills the worker,
 * which ends the read; hence {@link #lookAheadNanos()} is 0 and {@link #awaitEnd} kills at its limit.
 */
final class WorkerRun implements RunningTask {

    private final WorkerPool pool;
    private final long taskId;
    private final Object key;
    private final byte[] payload;
    private final OutputStream out;
    private final OutputStream err;
    /** What a stop request does now: kill the worker being started or running the task. */
    private volatile Runnable stopAction;
    private volatile boolean aborted;
    private WorkerProcess worker;
    /** When it was handed over; when it reached its worker, once it has. */
    private long startNanos = System.nanoTime();
    private boolean killed;
    private TaskEnd end;

    WorkerRun(WorkerPool pool, long taskId, Object key, byte[] payload, OutputStream out, OutputStream err) {
        this.pool = pool;
        this.taskId = taskId;
        this.key = key;
        this.payload = payload;
        this.out = out;
        this.err = err;
    }

    private void onStop(Runnable action) {
        stopAction = action;
        if (action != null && aborted) {
            action.run();
        }
    }

    @Override
    public void awaitStart() throws InterruptedException {
        try {
            worker = pool.lease(this::onStop);
        } catch (WorkerStartException e) {
            end = new TaskEnd.NotStarted(e.getMessage(), e, -1);
            return;
        }
        startNanos = System.nanoTime();
        worker.send(taskId, key, payload, out, err);
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public boolean awaitEnd(long untilNanos) throws InterruptedException {
        if (end != null) {
            return true;
        }
        WorkerProcess.Reply reply = worker.awaitReply(untilNanos, this::onStop);
        if (reply.kind() == WorkerProcess.Reply.TIMED_OUT) {
            killed = true;
            return false;
        }
        if (reply.kind() == WorkerProcess.Reply.STOPPED) {
            killed = true;
            Thread.interrupted();
            throw new InterruptedException("the batch stopped the task");
        }
        if (reply.isCrash()) {
            pool.discard(worker);
            end = new TaskEnd.Failed(reply.crash(), null, -1);
            return true;
        }
        if (reply.retiring()) {
            worker.awaitExitOrKill(WorkerLauncher.CLOSE_MILLIS); // it ends by itself after this reply
            pool.discard(worker);
        } else {
            pool.release(worker);
        }
        end = switch (reply.kind()) {
            case Frames.RETURNED -> new TaskEnd.Returned((Outcome) reply.value());
            case Frames.THREW -> new TaskEnd.Threw((Throwable) reply.value(),
                    reply.retiring() ? " (its worker JVM was replaced)" : "");
            default -> new TaskEnd.Failed(String.valueOf(reply.value()), null, -1);
        };
        return true;
    }

    @Override
    public void abortWait() {
        aborted = true;
        Runnable action = stopAction;
        if (action != null) {
            action.run();
        }
    }

    @Override
    public void stop(Duration grace) {
        if (end != null) {
            return;
        }
        if (worker == null) {
            end = new TaskEnd.NotStarted("stopped while waiting for a worker JVM", null, -1);
            return;
        }
        if (!killed) {
            worker.kill();
        }
        worker.awaitExitOrKill(0);
        pool.discard(worker);
        end = new TaskEnd.Stopped(-1, "; its worker JVM (pid " + worker.pid() + ") was killed");
    }

    @Override
    public TaskEnd end() {
        return end;
    }
}
