package io.jconcurrent.internal;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.ResultListener;
import io.jconcurrent.Task;
import io.jconcurrent.Work;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A validated batch configuration, as the public builder produces it and the engine consumes it.
 *
 * @param tasks     the tasks; a {@link List} when {@code eager}, else a lazy source iterated once
 * @param eager     whether the tasks were given as a list (and their keys checked up front)
 * @param workers   concurrency cap; 0 = unlimited
 * @param timeout   per-task limit; zero = none
 * @param listener  may be null
 * @param directory working directory for commands; null = inherit
 * @param environment extra environment for commands; null = none
 * @param timeoutFor  each task's own time limit, asked as it starts; null = {@code timeout} for all
 * @param retainResults whether the batch keeps every result for its caller (else they go only to the
 *                    listener, and a lazy source's keys are not checked for duplicates)
 */
public record BatchConfig(
        Work work,
        Iterable<Task> tasks,
        boolean eager,
        int workers,
        Duration timeout,
        Duration killGrace,
        boolean verbose,
        boolean failFast,
        OutputPolicy output,
        ResultListener listener,
        Placement placement,
        Path directory,
        Map<String, String> environment,
        List<String> workerJvmOptions,
        Function<? super Task, Duration> timeoutFor,
        boolean retainResults) {

    /** Time between SIGTERM and SIGKILL when a process tree is stopped. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofMillis(500);

    /**
     * Rejects a null or duplicate key, naming it and its position. Keys that print alike
     * ({@code String.valueOf}) are duplicates: {@code 1} and {@code "1"} would be told apart by nothing a
     * user reads, and would name the same output file.
     *
     * @throws IllegalArgumentException on the first offending task
     */
    public static void checkKeys(List<Task> tasks) {
        Map<String, Integer> seen = new HashMap<>(Math.max(16, tasks.size() * 2));
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t == null) {
                throw new IllegalArgumentException("task at position " + i + " is null");
            }
            Integer first = seen.putIfAbsent(String.valueOf(t.key()), i);
            if (first != null) {
                throw new IllegalArgumentException("duplicate task key " + describe(t.key()) + " at position " + i
                        + " (first at position " + first + ")"
                        + printsAlikeNote(t.key(), tasks.get(first).key()));
            }
        }
    }

    static String describe(Object key) {
        return key instanceof CharSequence ? "\"" + key + "\"" : String.valueOf(key);
    }

    /** For a key that repeats {@code earlier} by printing alike without being equal: says so. */
    static String printsAlikeNote(Object key, Object earlier) {
        if (key.equals(earlier)) {
            return "";
        }
        return ": " + describe(key) + " (" + key.getClass().getSimpleName() + ") and " + describe(earlier) + " ("
                + earlier.getClass().getSimpleName() + ") print alike";
    }

    /** The time limit of this task, decided as it starts; zero = none. */
    public Duration limitFor(Task task) {
        if (timeoutFor == null) {
            return timeout;
        }
        Duration limit = timeoutFor.apply(task);
        return limit == null || limit.isNegative() ? Duration.ZERO : limit;
    }

    boolean hasTimeout() {
        return !timeout.isZero();
    }
}
