package io.jconcurrent.internal.batch;

import io.jconcurrent.TaskEnd;

/**
 * A built-in launcher that can run a task to its end on the calling thread (a synchronous function in
 * this JVM). The task driver calls it so for a task without a time limit: with no deadline to keep,
 * no stop to prepare and no output to capture, such a task needs no {@link io.jconcurrent.RunningTask}
 * handle, and a fresh JVM's first batch of quick functions, much of which runs before the JIT has
 * compiled the driver, does a third less work per task (the result is still made by
 * {@link Results#of}).
 */
public interface CallsInline {

    /**
     * Whether {@link #callInline} can run this launcher's tasks.
     */
    boolean callsInline();

    /**
     * Runs the task with {@code key} and {@code arg} to its end on the calling thread.
     *
     * @return how it ended: {@link TaskEnd.Returned} or {@link TaskEnd.Threw}
     * @throws InterruptedException if the task was interrupted (its batch stopped it)
     */
    TaskEnd callInline(Object key, Object arg) throws InterruptedException;
}
