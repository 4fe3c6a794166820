package io.jconcurrent.internal;

import io.jconcurrent.StopReason;

/**
 * A running task's thread and the reason, if any, it has been asked to stop. A worker loop keeps one
 * handle for all its tasks and binds its thread only while a task runs, so that a stop request
 * interrupts tasks, not the loop's pulling from the source.
 */
final class TaskHandle {

    private volatile StopReason stopRequest;
    private volatile Thread thread;
    private volatile Runnable stopAction;
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
        Runnable action = stopAction;
        if (action != null) {
            action.run();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Sets what a stop request does besides the interrupt, for a task blocked where an interrupt does
     * not reach (a worker JVM's pipe); {@code null} clears it. Runs {@code action} at once if a stop was
     * already requested. The action may run more than once and on any thread: make it idempotent and
     * quick.
     */
    void onStop(Runnable action) {
        stopAction = action;
        if (action != null && stopRequest != null) {
            action.run();
        }
    }

    /** Records the process the current task runs in (a command's, or its worker JVM's), for its events. */
    void runsIn(long pid) {
        this.pid = pid;
    }

    /** The pid given to {@link #runsIn} since the last call, or -1; forgets it. Task thread only. */
    long takePid() {
        long p = pid;
        pid = -1;
        return p;
    }

    /** Why the task was asked to stop; {@link StopReason#CANCELLED} for an interrupt from elsewhere. */
    StopReason stopReason() {
        StopReason r = stopRequest;
        return r != null ? r : StopReason.CANCELLED;
    }
}
