package io.jconcurrent.cluster;

import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import java.time.Duration;

/**
 * A member's task as its local engine runs it, which a stop order for this one task can end: the order
 * interrupts the engine's wait for the task (only while it waits here, so no interrupt leaks into the
 * engine's next task), and the engine then stops the task's whole tree as it would at a cancel. It also
 * keeps the task's {@link TaskEnd} and its output (raw, in a {@link RawCapture} each), which go back to
 * the submitter.
 *
 * <p>Thread-safety: {@link #requestStop()} may come from any thread; the rest from the task's own.
 */
final class StoppableTask implements RunningTask {

    private final RunningTask task;
    private final Duration grace;
    private final RawCapture stdout;
    private final RawCapture stderr;
    private Thread waiter;
    private boolean stopRequested;
    private volatile TaskEnd end;

    /** @param stdout and {@code stderr}: where the task's output went */
    StoppableTask(RunningTask task, Duration grace, RawCapture stdout, RawCapture stderr) {
        this.task = task;
        this.grace = grace;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Its standard output as kept. */
    RawCapture.Kept stdout() {
        return stdout.kept();
    }

    /** Its standard error as kept. */
    RawCapture.Kept stderr() {
        return stderr.kept();
    }

    /** Stops the task: its engine's wait is cut short and the engine stops it. */
    void requestStop() {
        synchronized (this) {
            stopRequested = true;
            if (waiter != null) {
                waiter.interrupt();
            }
        }
        task.abortWait();
    }

    /** How it ended, once it has; else null. */
    TaskEnd endSeen() {
        return end;
    }

    private synchronized void enter() throws InterruptedException {
        if (stopRequested) {
            throw new InterruptedException("stopped by the submitter");
        }
        waiter = Thread.currentThread();
    }

    private synchronized void leave() {
        waiter = null;
    }

    @Override
    public void awaitStart() throws InterruptedException {
        enter();
        try {
            task.awaitStart();
        } finally {
            leave();
        }
    }

    @Override
    public long startNanos() {
        return task.startNanos();
    }

    @Override
    public long pid() {
        return task.pid();
    }

    @Override
    public boolean awaitEnd(long untilNanos) throws InterruptedException {
        enter();
        try {
            return task.awaitEnd(untilNanos);
        } finally {
            leave();
        }
    }

    @Override
    public long lookAheadNanos() {
        return task.lookAheadNanos();
    }

    @Override
    public void prepareStop() {
        task.prepareStop();
    }

    @Override
    public void abortWait() {
        task.abortWait();
    }

    /** Stops it with the grace the submitter sent for it (the member's own batch setting is a default). */
    @Override
    public void stop(Duration ignored) {
        task.stop(grace);
    }

    @Override
    public TaskEnd end() {
        TaskEnd e = task.end();
        end = e;
        return e;
    }
}
