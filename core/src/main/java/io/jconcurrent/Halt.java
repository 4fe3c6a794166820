package io.jconcurrent;

import java.util.Objects;

/**
 * When a batch stops early, as GNU parallel's {@code --halt}: an immutable value given to
 * {@link RunnerBuilder#halt(Halt)}. Once enough tasks have failed, succeeded or ended (a count, or a
 * percentage of the tasks so far), no more tasks start; with {@link When#NOW} the running ones are
 * stopped too, with {@link When#SOON} they finish. Tasks that do not run still get a result,
 * {@link Status#CANCELLED} with the halt's {@link StopReason}.
 *
 * <pre>{@code
 * Halt.failFast()                         // now, at the first failure (StopReason.FAIL_FAST)
 * Halt.now().afterFailures(3)             // stop everything after 3 failures
 * Halt.soon().afterFailurePercent(20)     // start nothing more once 20% of the tasks so far failed
 * Halt.now().afterSuccesses(1)            // the first success is enough
 * }</pre>
 *
 * <p>A timed-out task counts as failed. A percentage is of "the tasks so far": all of them for a task
 * list, those taken from a lazy source so far for one, or the number given with {@link #of(long)} for
 * a lazy source whose length is known. Thread-safety: immutable.
 *
 * @param when    whether running tasks are stopped ({@link When#NOW}) or finish ({@link When#SOON})
 * @param counted which ended tasks count
 * @param count   how many trigger the halt, or 0 when {@code percent} does
 * @param percent the percentage of the tasks so far that triggers it, or 0 when {@code count} does
 * @param ofTasks the number of tasks a percentage is of, or 0 for the tasks so far
 */
public record Halt(When when, Counted counted, long count, double percent, long ofTasks) {

    private static final Halt NEVER = new Halt(When.NEVER, Counted.FAILED, 0, 0, 0);

    /** Whether and how a halt stops a batch. */
    public enum When {
        /** Never halts (the default). */
        NEVER,
        /** Starts no more tasks and stops the running ones. */
        NOW,
        /** Starts no more tasks; the running ones finish. */
        SOON
    }

    /** Which ended tasks count toward a halt. */
    public enum Counted {
        /** Tasks that failed or timed out. */
        FAILED,
        /** Tasks that succeeded. */
        SUCCEEDED,
        /** All tasks that ended, either way. */
        DONE
    }

    /**
     * Checks the halt.
     *
     * @throws IllegalArgumentException if the count or the percentage is out of range
     */
    public Halt {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(counted, "counted");
        if (when != When.NEVER) {
            if (count < 0 || (count == 0) == (percent == 0)) {
                throw new IllegalArgumentException("a halt needs a count >= 1 or a percentage, not both; got count "
                        + count + ", percent " + percent);
            }
            if (percent != 0 && !(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("halt percentage must be in (0, 100], got " + percent);
            }
            if (ofTasks < 0) {
                throw new IllegalArgumentException("the number of tasks a halt percentage is of must be >= 0, got "
                        + ofTasks);
            }
        }
    }

    /** {@return a halt that never comes (the default)} */
    public static Halt never() {
        return NEVER;
    }

    /** {@return a halt that stops everything at the first task that fails or times out: {@code now().afterFailures(1)}} */
    public static Halt failFast() {
        return now().afterFailures(1);
    }

    /** {@return a halt that stops running tasks; say after what with {@code after...}} */
    public static Builder now() {
        return new Builder(When.NOW);
    }

    /** {@return a halt that lets running tasks finish; say after what with {@code after...}} */
    public static Builder soon() {
        return new Builder(When.SOON);
    }

    /**
     * This halt, its percentage taken of {@code tasks} tasks (a lazy source whose length is known)
     * instead of the tasks taken so far.
     *
     * @param tasks how many tasks the source will give
     * @return the halt
     * @throws IllegalArgumentException if {@code tasks} is negative
     */
    public Halt of(long tasks) {
        return new Halt(when, counted, count, percent, tasks);
    }

    /** {@return whether this is fail-fast: now, after one failure (its stops say {@link StopReason#FAIL_FAST})} */
    public boolean isFailFast() {
        return when == When.NOW && counted == Counted.FAILED && count == 1;
    }

    /**
     * Whether the batch halts, given the tasks ended so far and the number of tasks so far.
     *
     * @param failed     tasks that failed or timed out so far
     * @param succeeded  tasks that succeeded so far
     * @param tasksSoFar the tasks a percentage is of, unless {@link #ofTasks()} is set
     * @return true once the halt's condition is met
     */
    public boolean reached(long failed, long succeeded, long tasksSoFar) {
        if (when == When.NEVER) {
            return false;
        }
        long n = switch (counted) {
            case FAILED -> failed;
            case SUCCEEDED -> succeeded;
            case DONE -> failed + succeeded;
        };
        if (count > 0) {
            return n >= count;
        }
        long base = ofTasks > 0 ? ofTasks : tasksSoFar;
        return base > 0 && n * 100.0 >= percent * base;
    }

    /** Says what a {@link When#NOW} or {@link When#SOON} halt counts. */
    public static final class Builder {
        private final When when;

        private Builder(When when) {
            this.when = when;
        }

        /**
         * After {@code n} tasks failed or timed out.
         *
         * @param n how many tasks
         * @return the halt
         */
        public Halt afterFailures(long n) {
            return new Halt(when, Counted.FAILED, n, 0, 0);
        }

        /**
         * After {@code percent} % of the tasks so far failed or timed out.
         *
         * @param percent the percentage, in (0, 100]
         * @return the halt
         */
        public Halt afterFailurePercent(double percent) {
            return new Halt(when, Counted.FAILED, 0, percent, 0);
        }

        /**
         * After {@code n} tasks succeeded.
         *
         * @param n how many tasks
         * @return the halt
         */
        public Halt afterSuccesses(long n) {
            return new Halt(when, Counted.SUCCEEDED, n, 0, 0);
        }

        /**
         * After {@code percent} % of the tasks so far succeeded.
         *
         * @param percent the percentage, in (0, 100]
         * @return the halt
         */
        public Halt afterSuccessPercent(double percent) {
            return new Halt(when, Counted.SUCCEEDED, 0, percent, 0);
        }

        /**
         * After {@code n} tasks ended, either way.
         *
         * @param n how many tasks
         * @return the halt
         */
        public Halt afterDone(long n) {
            return new Halt(when, Counted.DONE, n, 0, 0);
        }

        /**
         * After {@code percent} % of the tasks so far ended, either way.
         *
         * @param percent the percentage, in (0, 100]
         * @return the halt
         */
        public Halt afterDonePercent(double percent) {
            return new Halt(when, Counted.DONE, 0, percent, 0);
        }
    }
}
