package io.jconcurrent;

import java.io.Serializable;

/**
 * What a task function returns: whether it succeeded and its answer (the seed's
 * {@code (success, answer)} 2-tuple). An immutable value; serializable if its answer is, which a
 * function in a worker JVM needs.
 *
 * @param success true if the function did its job
 * @param answer  any value the function wants to hand back; kept in {@link ProcResult#answer()}
 *
 * <p>Thread-safety: immutable, if its answer is.
 */
public record Outcome(boolean success, Object answer) implements Serializable {

    /** Shared, as a no-op function returns it for every task. */
    private static final Outcome OK_NULL = new Outcome(true, null);

    /**
     * A successful outcome.
     *
     * @param answer the function's answer; may be null
     * @return an outcome with {@code success} true
     */
    public static Outcome ok(Object answer) {
        return answer == null ? OK_NULL : new Outcome(true, answer);
    }

    /**
     * A failed outcome: the task's result is {@link Status#FAILED}, and keeps the answer.
     *
     * @param answer for example what went wrong; may be null
     * @return an outcome with {@code success} false
     */
    public static Outcome failed(Object answer) {
        return new Outcome(false, answer);
    }
}
