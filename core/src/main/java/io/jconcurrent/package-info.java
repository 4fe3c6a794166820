/**
 * jconcurrent: run a batch of tasks (subprocesses or Java functions) concurrently, with a cap on
 * workers, a timeout per task, and one {@link io.jconcurrent.ProcResult} per task.
 *
 * <p>Start with {@link io.jconcurrent.ProcRunMp} (blocking) or {@link io.jconcurrent.ProcRunAsync}
 * (returns a future), through their seed-style constructors or their {@code builder()}. Policies are
 * immutable values: {@link io.jconcurrent.TaskTimeout}, {@link io.jconcurrent.Retry},
 * {@link io.jconcurrent.Halt}, {@link io.jconcurrent.OutputPolicy}. Where tasks run is a
 * {@link io.jconcurrent.Placement}, which other modules can implement (the placement
 * service-provider interface: {@code Placement}, {@link io.jconcurrent.RunningTask},
 * {@link io.jconcurrent.TaskEnd}).
 *
 * <h2>Nulls</h2>
 * One rule for every public constructor and method of this package: a null argument is a
 * {@link java.lang.NullPointerException} naming the parameter, thrown at once, unless the
 * parameter's Javadoc says null is allowed. A null element of a list or array argument, and any
 * other bad value, is an {@link java.lang.IllegalArgumentException} naming the value (and its
 * position). A conflicting or repeated builder setting is an {@link java.lang.IllegalStateException}
 * naming both calls.
 *
 * <h2>Threads</h2>
 * Records, enums and policies here are immutable and thread-safe. A runner may be started from one
 * thread and read ({@code results()}, cancelled) from any. Functions, listeners and per-task
 * timeout functions are called from the tasks' own threads, concurrently for different tasks. Each
 * type's Javadoc says what applies to it.
 */
package io.jconcurrent;
