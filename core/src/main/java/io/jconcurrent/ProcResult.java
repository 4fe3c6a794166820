package io.jconcurrent;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The result of one task: everything the seed's {@code ProcResult} has, plus why a task failed or was
 * stopped, and its wait for a worker kept apart from its run time.
 *
 * <p>Output is decoded as UTF-8, invalid bytes replaced by U+FFFD. When a stream exceeded the
 * batch's {@link OutputPolicy} limit, its head and tail are kept with a marker line between them and
 * the stream's {@code truncated} flag is set. Output sent to files is not repeated here (the string is
 * empty).
 *
 * @param key              the task's key, as given
 * @param arg              the task's arg, as given
 * @param timeStart        when the task started running (when it was given up, if it never started)
 * @param timeRun          how long it ran, from its start to its end; zero if it never started
 * @param queueWait        how long it waited for a free worker before starting
 * @param status           how it ended
 * @param stopReason       why jconcurrent stopped it, or {@link StopReason#NONE}
 * @param returnCode       a command's exit code (128 + signal number if a signal ended it; 127 if
 *                         the program was not found, 126 if it could not be executed); -1 for a
 *                         function or a command that never ran
 * @param stdout           what the command (or, in a worker JVM, the function) wrote to stdout
 * @param stderr           what it wrote to stderr
 * @param stdoutTruncated  whether stdout exceeded the capture limit and its middle was dropped
 * @param stderrTruncated  whether stderr exceeded the capture limit and its middle was dropped
 * @param answer           the function's answer, or null
 * @param cause            a human-readable reason for a failure, timeout or cancellation; null on success
 * @param exception        the exception behind a failure, if there was one
 */
public record ProcResult(
        Object key,
        Object arg,
        Instant timeStart,
        Duration timeRun,
        Duration queueWait,
        Status status,
        StopReason stopReason,
        int returnCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Object answer,
        String cause,
        Throwable exception) implements Serializable {

    /** True if the task succeeded (the seed's {@code success}). */
    public boolean success() {
        return status == Status.SUCCEEDED;
    }

    /** True if the task overran its timeout and was stopped (the seed's {@code timeout}). */
    public boolean timeout() {
        return status == Status.TIMED_OUT;
    }
}
