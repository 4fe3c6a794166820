package io.jconcurrent;

import java.util.Objects;

/**
 * How often a failing task is run again: an immutable value given to
 * {@link RunnerBuilder#retry(Retry)}. A task that fails or times out is run again, on the same worker
 * at once, until it succeeds or has run {@code tries} times in all; a task stopped by the batch
 * (cancelled, halted) is not. Its {@link ProcResult#attempt()} says which run the result is of.
 *
 * <pre>{@code
 * Retry.times(3)                                        // up to 3 runs in all
 * Retry.times(3).onEachAttempt(r -> log(r))            // and see each failed run that is retried
 * }</pre>
 *
 * <p>The batch's {@link ResultListener} sees each task's final result only; {@code onEachAttempt}
 * sees each run that is followed by another, on the task's thread, before the retry starts.
 *
 * @param tries         how many runs in all, at least 1 (1 = no retry)
 * @param onEachAttempt called with the result of each run that is retried; null for none
 */
public record Retry(int tries, ResultListener onEachAttempt) {

    private static final Retry NONE = new Retry(1, null);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code tries} is less than 1
     */
    public Retry {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be >= 1 (1 = no retry), got " + tries);
        }
    }

    /** {@return no retry: each task runs once (the default)} */
    public static Retry none() {
        return NONE;
    }

    /**
     * Up to {@code tries} runs in all.
     *
     * @param tries the most runs of a task, 1 for no retry
     * @return the policy
     * @throws IllegalArgumentException if {@code tries} is less than 1
     */
    public static Retry times(int tries) {
        return new Retry(tries, null);
    }

    /**
     * This policy, also calling {@code listener} with each run that is retried.
     *
     * @param listener called with each retried run's result, on the task's thread
     * @return the policy
     * @throws NullPointerException if {@code listener} is null
     */
    public Retry onEachAttempt(ResultListener listener) {
        return new Retry(tries, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Whether a run with this result, the {@code attempt}-th, is followed by another.
     *
     * @param result  the run's result
     * @param attempt which run it was, from 1
     * @return true if the task runs again
     */
    public boolean retries(ProcResult result, int attempt) {
        return attempt < tries && (result.status() == Status.FAILED || result.status() == Status.TIMED_OUT);
    }
}
