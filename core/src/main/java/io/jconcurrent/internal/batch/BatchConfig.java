package io.jconcurrent.internal.batch;

import io.jconcurrent.Halt;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.ResultListener;
import io.jconcurrent.Retry;
import io.jconcurrent.Task;
import io.jconcurrent.TaskTimeout;
import io.jconcurrent.Work;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated batch configuration, as the public builder produces it and the engine consumes it.
 *
 * @param tasks     the tasks; a {@link List} when {@code eager}, else a lazy source iterated once
 * @param eager     whether the tasks were given as a list (and their keys checked up front)
 * @param workers   concurrency cap; 0 = unlimited
 * @param timeout   each task's time limit
 * @param retry     how often a failing task runs again
 * @param halt      when the batch stops early
 * @param verbose   where a line is printed as each task starts (the seed's {@code verb}); null = nowhere
 * @param listener  may be null
 * @param directory working directory for commands; null = inherit
 * @param environment extra environment for commands; empty = none
 * @param retainResults whether the batch keeps every result for its caller (else they go only to the
 *                    listener, and a lazy source's keys are not checked for duplicates)
 */
public record BatchConfig(
        Work work,
        Iterable<Task> tasks,
        boolean eager,
        int workers,
        TaskTimeout timeout,
        Retry retry,
        Halt halt,
        Duration killGrace,
        PrintStream verbose,
        OutputPolicy output,
        ResultListener listener,
        Placement placement,
        Path directory,
        Map<String, String> environment,
        List<String> workerJvmOptions,
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
        KeySet seen = new KeySet();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t == null) {
                throw new IllegalArgumentException("task at position " + i + " is null");
            }
            Object earlier = seen.add(t.key());
            if (earlier != null) {
                int first = 0;
                while (!KeySet.printAlike(tasks.get(first).key(), t.key())) {
                    first++;
                }
                throw new IllegalArgumentException("duplicate task key " + describe(t.key()) + " at position " + i
                        + " (first at position " + first + ")" + printsAlikeNote(t.key(), earlier));
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
}
