package io.jconcurrent;

/**
 * Why jconcurrent stopped a task (or kept it from starting); {@link #NONE} when it ended by itself.
 * Immutable, as every enum.
 */
public enum StopReason {
    /** The task ended by itself. */
    NONE,
    /** The task overran its timeout. */
    TIMEOUT,
    /** The caller cancelled the batch, interrupted {@code runAll}, or the JVM is exiting. */
    CANCELLED,
    /** Another task failed and the batch's fail-fast policy ({@link Halt#failFast()}) stopped the rest. */
    FAIL_FAST,
    /** The batch's {@link Halt} condition was met (any halt but fail-fast). */
    HALT
}
