package io.jconcurrent;

import java.util.ArrayList;
import java.util.List;

/**
 * One unit of work in a batch: a caller-chosen {@code key} that names it and an {@code arg} that says
 * what it does (the seed's {@code (key, arg)} pair).
 *
 * <p>For a command, the arg is appended to the command line: a {@link List} appends each element, a
 * {@link ByteArg} its exact bytes, any other value its {@link String#valueOf(Object)} (in UTF-8). For a
 * function, the arg is the last element of the
 * {@code args} list the function receives. Both values are kept, as given, in the task's
 * {@link ProcResult}.
 *
 * <p>Thread-safety: immutable, if its key and arg are. Keys are compared with
 * {@link Object#equals(Object)}; a batch refuses a duplicate or null key, naming it and its position.
 *
 * @param key a non-null identifier, unique within its batch
 * @param arg the task's argument; may be {@code null} (nothing is appended to a command)
 */
public record Task(Object key, Object arg) {

    /**
     * Creates a task.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Task {
        java.util.Objects.requireNonNull(key, "task key is null");
    }

    /**
     * Creates a task; shorthand for {@code new Task(key, arg)}.
     *
     * @param key a non-null identifier, unique within its batch
     * @param arg the task's argument; may be null
     * @return the task
     * @throws NullPointerException if {@code key} is null
     */
    public static Task of(Object key, Object arg) {
        return new Task(key, arg);
    }

    /**
     * Builds a task list from alternating keys and args, in the order given:
     * {@code Task.pairs(1, 1, 2, 7)} is {@code [(1, 1), (2, 7)]}.
     *
     * @param keysAndArgs key, arg, key, arg, ...; args may be null
     * @return the tasks, in the order given, as an unmodifiable list
     * @throws IllegalArgumentException if the number of values is odd or a key is null
     */
    public static List<Task> pairs(Object... keysAndArgs) {
        if (keysAndArgs.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "pairs needs an even number of values (key, arg, key, arg, ...), got " + keysAndArgs.length);
        }
        List<Task> tasks = new ArrayList<>(keysAndArgs.length / 2);
        for (int i = 0; i < keysAndArgs.length; i += 2) {
            if (keysAndArgs[i] == null) {
                throw new IllegalArgumentException("task key must not be null (task at position " + i / 2 + ")");
            }
            tasks.add(new Task(keysAndArgs[i], keysAndArgs[i + 1]));
        }
        return List.copyOf(tasks);
    }
}
