package io.jconcurrent.internal.batch;

/**
 * Marks a built-in {@link io.jconcurrent.RunningTask} whose waits an interrupt ends (a future's
 * {@code get}): the driver then need not hand it to the batch's stop for
 * {@link io.jconcurrent.RunningTask#abortWait()}, which keeps it from escaping its thread, so that a
 * quick function's per-task objects can live on the stack (1.4x the rate of no-op functions).
 */
public interface InterruptibleWaits {
}
