package io.jconcurrent;

import java.io.Serializable;
import java.util.List;

/**
 * A task done by Java code: called once per task as {@code apply(key, args)}, where {@code args} is the
 * fixed extra arguments given with the function followed by the task's own arg (as the seed calls
 * {@code fn(key, args)}; the task's arg is {@code args.get(args.size() - 1)}).
 *
 * <p>Returning an {@link Outcome} reports success or failure; throwing makes the task fail with the
 * exception kept in its result. Neither affects the other tasks of the batch.
 *
 * <p>The type is {@link Serializable} so that a lambda or method reference can be sent to a worker
 * JVM; in-process runs never serialize it.
 *
 * <p>Threads: in this JVM ({@link Placement#IN_PROCESS}) the function is called on a virtual thread of
 * the runner, concurrently for different tasks, so it must be thread-safe; a timeout or a stop
 * interrupts that thread, and a function that ignores the interrupt keeps it busy after its result was
 * delivered. In a worker JVM ({@link Placement#WORKER_JVM}, the default of {@link ProcRunMp}) each
 * worker calls it for one task at a time, and a timeout kills the worker, so even a loop that ignores
 * interrupts ends at its deadline:
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="worker-timeout"}
 *
 * <pre>{@code
 * TaskFunction nap = (key, args) -> {
 *     Thread.sleep(1000L * ((Number) args.getLast()).longValue());
 *     return Outcome.ok("slept " + args.getLast());
 * };
 * }</pre>
 *
 * <p>Thread-safety: called concurrently for different tasks, each on its own thread; it must be safe
 * for that.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {

    /**
     * Does one task.
     *
     * @param key  the task's key
     * @param args the function's fixed args followed by the task's arg; unmodifiable
     * @return the outcome; {@code null} counts as a failure
     * @throws Exception any exception fails this task only
     */
    Outcome apply(Object key, List<Object> args) throws Exception;
}
