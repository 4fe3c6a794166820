package io.jconcurrent.internal.worker;

import io.jconcurrent.Outcome;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import java.io.OutputStream;
import java.time.Duration;

/**
 * One function task in a worker JVM. {@link #awaitStart()} leases a worker (starting one if the pool has
 * room, or queueing behind quick tasks in a busy one), sends the task and waits until the worker starts
 * it; a task whose worker ended before it started (it was queued behind one that timed out, crashed or
 * retired) goes to another worker, never charged an attempt. The engine's deadline then counts from that
 * start. Its end is the reply the worker's reader thread delivers; stopping a running task kills its
 * worker's whole tree, stopping a queued one takes it out of the queue.
 */
final class WorkerRun implements RunningTask {

    private final WorkerPool pool;
    private final long taskId;
    private final Object key;
    private final byte[] payload;
    private final boolean mayQueue;
    /**
     * Whether the task has a deadline, which counts from its start in the worker: then
     * {@link #awaitStart()} waits for that start. Without one it returns once the task is sent, and the
     * start is taken from the reply: one wake-up per task instead of two.
     */
    private final boolean exactStart;
    private final OutputStream out;
    private final OutputStream err;
    /** What a stop request does now: kill the worker being started, or stop the task sent. */
    private volatile Runnable stopAction;
    private volatile boolean aborted;
    private WorkerProcess worker;
    private WorkerProcess.Pending pending;
    /** When it was handed over; when its worker started it, once it has. */
    private long startNanos = System.nanoTime();
    private TaskEnd end;

    WorkerRun(WorkerPool pool, long taskId, Object key, byte[] payload, boolean mayQueue, boolean exactStart,
            OutputStream out, OutputStream err) {
        this.pool = pool;
        this.taskId = taskId;
        this.key = key;
        this.payload = payload;
        this.mayQueue = mayQueue;
        this.exactStart = exactStart;
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
        while (true) {
            if (!submit()) {
                return; // no worker could start: the end says why
            }
            if (!exactStart) {
                return; // its start comes with its reply
            }
            if (worker.awaitStarted(pending)) {
                startNanos = pending.startNanos;
                return;
            }
            WorkerProcess.Reply reply = pending.reply.join();
            if (!settleUnstarted(reply)) {
                return;
            }
        }
    }

    /** Leases a worker and sends the task to it; false (the end set) if no worker can be had. */
    private boolean submit() throws InterruptedException {
        try {
            worker = pool.lease(this::onStop, mayQueue);
        } catch (WorkerStartException e) {
            end = new TaskEnd.NotStarted(e.getMessage(), e, -1);
            return false;
        }
        WorkerProcess w = worker;
        WorkerProcess.Pending p = w.submit(taskId, key, payload, out, err);
        pending = p;
        onStop(() -> w.stop(p));
        return true;
    }

    /**
     * Deals with the reply of a task that did not start: true if it is to be sent again (its worker
     * ended before it started it); else the end is set, or the stop is thrown.
     */
    private boolean settleUnstarted(WorkerProcess.Reply reply) throws InterruptedException {
        settle(reply);
        if (reply.kind() == WorkerProcess.Reply.NOT_STARTED) {
            return true; // another worker runs it, never charged an attempt
        }
        if (reply.kind() == WorkerProcess.Reply.STOPPED) {
            end = new TaskEnd.NotStarted("stopped while queued in a worker JVM", null, -1);
            throw new InterruptedException("stopped while queued");
        }
        end = endOf(reply);
        return false;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    /** The worker JVM that ran the task (the last one it was sent to), or -1 if it got none. */
    @Override
    public long pid() {
        WorkerProcess w = worker;
        return w == null ? -1 : w.pid();
    }

    @Override
    public boolean awaitEnd(long untilNanos) throws InterruptedException {
        while (end == null) {
            WorkerProcess.Reply reply = worker.awaitReply(pending, untilNanos);
            if (reply == null) {
                return false;
            }
            if (!pending.started || reply.kind() == WorkerProcess.Reply.NOT_STARTED) {
                // Never started: without exactStart, or sent to a worker that had died while idle (it
                // never announced the task, so never called its function): another worker runs it.
                if (settleUnstarted(reply) && !submit()) {
                    return true;
                }
                continue;
            }
            startNanos = reply.startNanos();
            settle(reply);
            if (reply.kind() == WorkerProcess.Reply.STOPPED) {
                end = killed();
                Thread.interrupted();
                throw new InterruptedException("the batch stopped the task");
            }
            end = endOf(reply);
        }
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
        if (pending == null) {
            end = new TaskEnd.NotStarted("stopped while waiting for a worker JVM", null, -1);
            return;
        }
        worker.stop(pending);
        settle(pending.reply.join());
        end = killed();
    }

    @Override
    public TaskEnd end() {
        return end;
    }

    private TaskEnd killed() {
        return new TaskEnd.Stopped(-1, "; its worker JVM (pid " + worker.pid() + ") was killed");
    }

    /** Gives the worker back to the pool, or out of it once it ended, after the task's reply. */
    private void settle(WorkerProcess.Reply reply) {
        if (reply.retiring() && reply.crash() == null && reply.kind() >= 0) {
            worker.awaitExitOrKill(WorkerLauncher.CLOSE_MILLIS); // it ends by itself after this reply
        }
        if (worker.isDone()) {
            pool.discard(worker);
        } else {
            pool.release(worker);
        }
    }

    private static TaskEnd endOf(WorkerProcess.Reply reply) {
        if (reply.isCrash()) {
            return new TaskEnd.Failed(reply.crash(), null, -1);
        }
        return switch (reply.kind()) {
            case Frames.RETURNED -> new TaskEnd.Returned((Outcome) reply.value());
            case Frames.THREW -> new TaskEnd.Threw((Throwable) reply.value(),
                    reply.retiring() ? " (its worker JVM was replaced)" : "");
            case WorkerProcess.Reply.NOT_STARTED -> new TaskEnd.Failed(
                    "its worker JVM ended as the task was starting", null, -1);
            default -> new TaskEnd.Failed(String.valueOf(reply.value()), null, -1);
        };
    }
}
