package io.jconcurrent;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A task done by asynchronous Java code (the seed's {@code async def fn(key, args)}): it returns at once
 * with a stage that completes with the task's {@link Outcome}. Arguments are as for
 * {@link TaskFunction}.
 *
 * <p>On timeout or cancellation the stage is cancelled through
 * {@link java.util.concurrent.CompletableFuture#cancel(boolean)}; code that ignores that keeps running,
 * but its result is delivered at the deadline all the same.
 *
 * <p>Called on one of the runner's virtual threads, which waits for the stage without blocking a
 * carrier thread: with no cap on workers, a million waiting tasks hold no platform thread. The function
 * must return quickly and do its work in the stage; it runs in this JVM only (never in a worker JVM).
 *
 * <p>Thread-safety: called concurrently for different tasks; it must be safe for that.
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="async-function"}
 */
@FunctionalInterface
public interface AsyncTaskFunction {

    /**
     * Starts one task.
     *
     * @param key  the task's key
     * @param args the function's fixed args followed by the task's arg; unmodifiable
     * @return a stage completing with the outcome; completing exceptionally fails this task only
     */
    CompletionStage<Outcome> apply(Object key, List<Object> args);
}
