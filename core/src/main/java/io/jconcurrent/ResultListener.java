package io.jconcurrent;

/**
 * Sees each task's result the moment the task ends, before the batch is over, so a caller can persist
 * or print results as they come.
 *
 * <p>Called exactly once per task (cancelled and never-started tasks included), from the thread that
 * finished the task; calls for different tasks may be concurrent, so an implementation that writes to
 * a shared sink must synchronize. An exception thrown by the listener is logged (a
 * {@link System.Logger} named {@code io.jconcurrent}, level WARNING) and does not affect the batch.
 * Thread-safety: as said, it must be safe for concurrent calls. Every call happens before the batch
 * completes normally: when {@code runAll} returns, or its future completes, the listener has seen every
 * result.
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="builder"}
 */
@FunctionalInterface
public interface ResultListener {

    /**
     * Receives one finished task's result.
     *
     * @param result the task's result; never null
     */
    void onResult(ProcResult result);
}
