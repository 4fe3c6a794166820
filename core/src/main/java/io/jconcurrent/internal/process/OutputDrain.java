package io.jconcurrent.internal.process;

import io.jconcurrent.OutputBytes;
import java.time.Duration;

/**
 * A running task's stdout and stderr as they are drained into its {@link OutputCapture.Sinks}: by two
 * reader threads ({@link OutputCapture}, the JDK's launcher) or by the thread that also waits for the
 * process (direct spawning). Draining starts with the process, so a chatty child never blocks on a
 * full pipe.
 */
interface OutputDrain {

    /** Waits until both streams reach end of file, at most {@code limit}; true if they did. */
    boolean awaitDrained(Duration limit) throws InterruptedException;

    /**
     * Gives up on streams still held open (by a leftover background process), keeping what was read;
     * afterwards the text no longer changes.
     */
    void abandon();

    String stdout();

    String stderr();

    boolean stdoutTruncated();

    boolean stderrTruncated();

    /** Stdout's exact bytes under {@link io.jconcurrent.OutputPolicy.Bytes}, else empty. */
    OutputBytes stdoutBytes();

    /** Stderr's exact bytes under {@link io.jconcurrent.OutputPolicy.Bytes}, else empty. */
    OutputBytes stderrBytes();
}
