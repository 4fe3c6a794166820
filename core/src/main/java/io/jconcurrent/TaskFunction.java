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
