package io.jconcurrent.cli;

/**
 * Somewhere final results go as tasks end: the terminal, a JSON stream, the joblog, the progress bar.
 * {@link #accept} may be called from several threads at once; implementations synchronize.
 */
interface ResultSink {

    /** Takes one task's final result. */
    void accept(Finished finished);

    /** Called once after the last result; writes anything still held back. */
    default void finish() {
    }
}
