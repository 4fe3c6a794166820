package io.jconcurrent.internal.batch;

import io.jconcurrent.RunningTask;
import io.jconcurrent.StopReason;

/**
 * A running task's thread and the reason, if any, it has been asked to stop. A worker loop keeps one
 * handle for all its tasks and binds its thread only while a task runs, so that a stop request
 * interrupts tasks, not the loop's pulling from the source.
 */
public final class TaskHandle {

    private volatile StopReason stopRequest;
    private volatile Thread thread;
    private volatile RunningTask running;
    private long pid = -1;

    /** Sets the thread that a stop request interrupts; {@code null} while no task runs. */
    void bind(Thread thread) {
        this.thread = thread;
    }

    /** Asks the task to stop: records why (first reason wins), runs the stop action, interrupts its thread. */
    void stop(StopReason reason) {
        if (stopRequest == null) {
            stopRequest = reason;
        }
        RunningTask r = running;
        if (r != null) {
            r.abortWait();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Sets the task whose wait a stop request cuts short besides the interrupt
     * ({@link RunningTask#abortWait()}, for a wait an interrupt does not reach: a worker JVM's pipe);
     * {@code null} clears it. Cuts it short at once if a stop was already requested.
     */
    void watch(RunningTask task) {
        running = task;
        if (task != null && stopRequest != null) {
            task.abortWait();
        }
    }

    /** Records the process the current attempt runs in (a command's, or its worker JVM's), for its events. */
    void runsIn(long pid) {
        this.pid = pid;
    }

    /** The pid given to {@link #runsIn} since the last call, or -1; forgets it. Task thread only. */
    long takePid() {
        long p = pid;
        pid = -1;
        return p;
    }

    /** Whether the task has been asked to stop. */
    boolean stopRequested() {
        return stopRequest != null;
    }

    /** Why the task was asked to stop; {@link StopReason#CANCELLED} for an interrupt from elsewhere. */
    public StopReason stopReason() {
        StopReason r = stopRequest;
        return r != null ? r : StopReason.CANCELLED;
    }
}
