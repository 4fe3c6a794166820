package io.jconcurrent;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How long each task of a batch may run, counted from its own start: an immutable value given to
 * {@link RunnerBuilder#timeout(TaskTimeout)}. A task that overruns is stopped (a command's whole
 * process tree) and its result is {@link Status#TIMED_OUT}.
 *
 * <pre>{@code
 * TaskTimeout.none()                                   // the default
 * TaskTimeout.of(Duration.ofSeconds(30))               // the same limit for every task
 * TaskTimeout.perTask(task -> limits.get(task.key()))  // chosen for each task as it starts
 * TaskTimeout.percentOfMedian(200)                     // 2 x the median run time so far (GNU parallel's 200%)
 * }</pre>
 *
 * <p>Thread-safety: immutable. A {@link PerTask} function is called on the thread that starts each
 * task, concurrently for different tasks.
 */
public sealed interface TaskTimeout {

    /** {@return no limit} */
    static TaskTimeout none() {
        return None.INSTANCE;
    }

    /**
     * The same limit for every task; {@link Duration#ZERO} means none.
     *
     * @param limit the limit, or zero
     * @return the timeout
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    static TaskTimeout of(Duration limit) {
        return limit.isZero() ? None.INSTANCE : new Fixed(limit);
    }

    /**
     * A limit chosen for each task as it starts (for example from what the task is). The function's
     * zero, negative or null answer means no limit for that task.
     *
     * @param limitForTask gives each task's limit, on the thread that starts it
     * @return the timeout
     * @throws NullPointerException if {@code limitForTask} is null
     */
    static TaskTimeout perTask(Function<? super Task, Duration> limitForTask) {
        return new PerTask(limitForTask);
    }

    /**
     * Each task's limit is {@code percent} % of the median run time of the tasks that have succeeded
     * so far in the batch, fixed as the task starts (at least 1 ms); no limit until one has succeeded.
     *
     * @param percent for example 200 for twice the median
     * @return the timeout
     * @throws IllegalArgumentException if {@code percent} is not positive and finite
     */
    static TaskTimeout percentOfMedian(double percent) {
        return new PercentOfMedian(percent);
    }

    /** No limit. */
    record None() implements TaskTimeout {
        static final None INSTANCE = new None();
    }

    /**
     * The same limit for every task.
     *
     * @param limit positive
     */
    record Fixed(Duration limit) implements TaskTimeout {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if {@code limit} is not positive
         */
        public Fixed {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0 (or TaskTimeout.none()), got " + limit);
            }
        }
    }

    /**
     * A limit chosen for each task as it starts.
     *
     * @param limitForTask the task's limit; zero, negative or null for none
     */
    record PerTask(Function<? super Task, Duration> limitForTask) implements TaskTimeout {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code limitForTask} is null
         */
        public PerTask {
            Objects.requireNonNull(limitForTask, "limitForTask");
        }
    }

    /**
     * A percentage of the median run time of the tasks that have succeeded so far.
     *
     * @param percent for example 200 for twice the median
     */
    record PercentOfMedian(double percent) implements TaskTimeout {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if {@code percent} is not positive and finite
         */
        public PercentOfMedian {
            if (!(percent > 0) || Double.isInfinite(percent)) {
                throw new IllegalArgumentException("timeout percentage must be positive, got " + percent);
            }
        }
    }
}
