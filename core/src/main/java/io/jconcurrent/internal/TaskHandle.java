package io.jconcurrent.internal;

import io.jconcurrent.StopReason;

/** A running task's thread and the reason, if any, it has been asked to stop. */
final class TaskHandle {

    private volatile StopReason stopRequest;
    private volatile Thread thread;

    void bind(Thread thread) {
        this.thread = thread;
    }

    /** Asks the task to stop: records why (first reason wins) and interrupts its thread. */
    void stop(StopReason reason) {
        if (stopRequest == null) {
            stopRequest = reason;
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Why the task was asked to stop; {@link StopReason#CANCELLED} for an interrupt from elsewhere. */
    StopReason stopReason() {
        StopReason r = stopRequest;
        return r != null ? r : StopReason.CANCELLED;
    }
}
