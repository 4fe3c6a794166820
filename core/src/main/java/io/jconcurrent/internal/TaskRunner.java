package io.jconcurrent.internal;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;

/**
 * Runs one task of a batch to its result, on the calling (virtual) thread. Implementations never
 * throw for a task's own failure: a failing, timed-out or interrupted task becomes a result. This is
 * the seam where the kind of work and where it runs (subprocess, this JVM, a worker JVM) plug in.
 */
interface TaskRunner extends AutoCloseable {

    /**
     * Runs {@code task}; an interrupt of the calling thread means {@code handle} was asked to stop.
     *
     * @param readyNanos when the task got its worker ({@link System#nanoTime()}): its wait for a worker,
     *                   recorded in its result, ended then
     */
    ProcResult run(Task task, long readyNanos, TaskHandle handle);

    /**
     * How many tasks may be under way per worker at once: more than 1 where a worker takes tasks
     * queued behind the one it runs (worker JVMs), so that the batch runs that many more loops.
     */
    default int tasksPerWorker() {
        return 1;
    }

    /** Releases what the runner holds for the batch (worker JVMs, for example). */
    @Override
    default void close() {
    }
}
