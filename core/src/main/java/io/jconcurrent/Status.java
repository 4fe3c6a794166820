package io.jconcurrent;

/** How a task ended. Exactly one applies to each {@link ProcResult}. Immutable, as every enum. */
public enum Status {
    /** The command exited 0, or the function returned a successful {@link Outcome}. */
    SUCCEEDED,
    /** The command exited non-zero or could not start, or the function failed or threw. */
    FAILED,
    /** The task overran its timeout and was stopped. */
    TIMED_OUT,
    /** The task was stopped, or never started, because the batch was cancelled or failed fast. */
    CANCELLED
}
