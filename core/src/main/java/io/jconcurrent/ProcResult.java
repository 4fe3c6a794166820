package io.jconcurrent;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The result of one task: everything the seed's {@code ProcResult} has, plus why a task failed or was
 * stopped, and its wait for a worker kept apart from its run time.
 *
 * <p>What a task printed is here as the batch's {@link OutputPolicy} says: as text in {@code stdout}
 * and {@code stderr} (decoded as UTF-8, invalid bytes replaced by U+FFFD; when a stream exceeded the
 * limit, its head and tail with a marker line between them), or as exact bytes in
 * {@code stdoutBytes} and {@code stderrBytes}, or in files; the forms not chosen are empty. A
 * stream's {@code truncated} flag says whether bytes were dropped.
 *
 * <p>Thread-safety: an immutable value if its key, arg and answer are, then safe to share between
 * threads; serializable if its key, arg, answer and exception are. Made by the runners; a constructor is public so that tests and tools can make one.
 *
 * <p>Times are kept as nanosecond counts, so that a batch of a million results does not also hold
 * three million {@link Instant} and {@link Duration} objects; {@link #timeStart()}, {@link #timeRun()}
 * and {@link #queueWait()} make those on demand.
 *
 * @param key              the task's key, as given
 * @param arg              the task's arg, as given
 * @param timeStartEpochNanos when the task started running (when it was given up, if it never started),
 *                         in nanoseconds since 1970-01-01T00:00Z; see {@link #timeStart()}
 * @param timeRunNanos     how long it ran, from its start to its end, in nanoseconds; zero if it never
 *                         started; see {@link #timeRun()}
 * @param queueWaitNanos   how long it waited for a free worker before starting, in nanoseconds; see
 *                         {@link #queueWait()}
 * @param status           how it ended
 * @param stopReason       why jconcurrent stopped it, or {@link StopReason#NONE}
 * @param returnCode       a command's exit code (128 + signal number if a signal ended it; 127 if
 *                         the program was not found, 126 if it could not be executed); -1 for a
 *                         function or a command that never ran
 * @param stdout           what the command (or, in a worker JVM, the function) wrote to stdout
 * @param stderr           what it wrote to stderr
 * @param stdoutTruncated  whether stdout exceeded the policy's limit and bytes were dropped
 * @param stderrTruncated  whether stderr exceeded the policy's limit and bytes were dropped
 * @param answer           the function's answer, or null
 * @param cause            a human-readable reason for a failure, timeout or cancellation; null on success
 * @param exception        the exception behind a failure, if there was one
 * @param stdoutBytes      stdout's exact bytes under {@link OutputPolicy.Bytes}, else empty; never null
 * @param stderrBytes      stderr's exact bytes under {@link OutputPolicy.Bytes}, else empty; never null
 * @param attempt          which run of the task this is: 1, or more when it was retried
 * @param signal           the signal that ended a command's process (then {@code returnCode} is 128 +
 *                         it), or 0 if it exited by itself or is not a command. Exact with direct
 *                         spawning, which tells a death by signal from an {@code exit(128 + N)};
 *                         through the JDK's launcher, which reports both alike, a return code of 129
 *                         to 192 is taken as a signal
 */
public record ProcResult(
        Object key,
        Object arg,
        long timeStartEpochNanos,
        long timeRunNanos,
        long queueWaitNanos,
        Status status,
        StopReason stopReason,
        int returnCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Object answer,
        String cause,
        Throwable exception,
        OutputBytes stdoutBytes,
        OutputBytes stderrBytes,
        int attempt,
        int signal) implements Serializable {

    /** Null byte fields become {@link OutputBytes#empty()}; an attempt below 1 is refused. */
    public ProcResult {
        stdoutBytes = stdoutBytes == null ? OutputBytes.empty() : stdoutBytes;
        stderrBytes = stderrBytes == null ? OutputBytes.empty() : stderrBytes;
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
    }

    /**
     * A result whose {@code signal} is inferred from the return code (129 to 192: 128 + a signal), as
     * through the JDK's launcher.
     *
     * @param key                 the task's key
     * @param arg                 the task's arg
     * @param timeStartEpochNanos when it started, in nanoseconds since the epoch
     * @param timeRunNanos        how long it ran, in nanoseconds
     * @param queueWaitNanos      how long it waited for a worker, in nanoseconds
     * @param status              how it ended
     * @param stopReason          why jconcurrent stopped it
     * @param returnCode          a command's exit code, or -1
     * @param stdout              its stdout as text
     * @param stderr              its stderr as text
     * @param stdoutTruncated     whether stdout lost bytes to the limit
     * @param stderrTruncated     whether stderr lost bytes to the limit
     * @param answer              the function's answer, or null
     * @param cause               why it failed or was stopped, or null
     * @param exception           the exception behind a failure, or null
     * @param stdoutBytes         its stdout's exact bytes, or null for none
     * @param stderrBytes         its stderr's exact bytes, or null for none
     * @param attempt             which run of the task this is, from 1
     */
    public ProcResult(Object key, Object arg, long timeStartEpochNanos, long timeRunNanos, long queueWaitNanos,
            Status status, StopReason stopReason, int returnCode, String stdout, String stderr,
            boolean stdoutTruncated, boolean stderrTruncated, Object answer, String cause, Throwable exception,
            OutputBytes stdoutBytes, OutputBytes stderrBytes, int attempt) {
        this(key, arg, timeStartEpochNanos, timeRunNanos, queueWaitNanos, status, stopReason, returnCode, stdout,
                stderr, stdoutTruncated, stderrTruncated, answer, cause, exception, stdoutBytes, stderrBytes, attempt,
                inferredSignal(returnCode));
    }

    /**
     * A first attempt's result (the form before retries existed); its signal inferred from the return code.
     *
     * @param key                 the task's key
     * @param arg                 the task's arg
     * @param timeStartEpochNanos when it started, in nanoseconds since the epoch
     * @param timeRunNanos        how long it ran, in nanoseconds
     * @param queueWaitNanos      how long it waited for a worker, in nanoseconds
     * @param status              how it ended
     * @param stopReason          why jconcurrent stopped it
     * @param returnCode          a command's exit code, or -1
     * @param stdout              its stdout as text
     * @param stderr              its stderr as text
     * @param stdoutTruncated     whether stdout lost bytes to the limit
     * @param stderrTruncated     whether stderr lost bytes to the limit
     * @param answer              the function's answer, or null
     * @param cause               why it failed or was stopped, or null
     * @param exception           the exception behind a failure, or null
     * @param stdoutBytes         its stdout's exact bytes, or null for none
     * @param stderrBytes         its stderr's exact bytes, or null for none
     */
    public ProcResult(Object key, Object arg, long timeStartEpochNanos, long timeRunNanos, long queueWaitNanos,
            Status status, StopReason stopReason, int returnCode, String stdout, String stderr,
            boolean stdoutTruncated, boolean stderrTruncated, Object answer, String cause, Throwable exception,
            OutputBytes stdoutBytes, OutputBytes stderrBytes) {
        this(key, arg, timeStartEpochNanos, timeRunNanos, queueWaitNanos, status, stopReason, returnCode, stdout,
                stderr, stdoutTruncated, stderrTruncated, answer, cause, exception, stdoutBytes, stderrBytes, 1);
    }

    /**
     * A first attempt's result without exact bytes (both {@link OutputBytes#empty()}); its signal
     * inferred from the return code.
     *
     * @param key                 the task's key
     * @param arg                 the task's arg
     * @param timeStartEpochNanos when it started, in nanoseconds since the epoch
     * @param timeRunNanos        how long it ran, in nanoseconds
     * @param queueWaitNanos      how long it waited for a worker, in nanoseconds
     * @param status              how it ended
     * @param stopReason          why jconcurrent stopped it
     * @param returnCode          a command's exit code, or -1
     * @param stdout              its stdout as text
     * @param stderr              its stderr as text
     * @param stdoutTruncated     whether stdout lost bytes to the limit
     * @param stderrTruncated     whether stderr lost bytes to the limit
     * @param answer              the function's answer, or null
     * @param cause               why it failed or was stopped, or null
     * @param exception           the exception behind a failure, or null
     */
    public ProcResult(Object key, Object arg, long timeStartEpochNanos, long timeRunNanos, long queueWaitNanos,
            Status status, StopReason stopReason, int returnCode, String stdout, String stderr,
            boolean stdoutTruncated, boolean stderrTruncated, Object answer, String cause, Throwable exception) {
        this(key, arg, timeStartEpochNanos, timeRunNanos, queueWaitNanos, status, stopReason, returnCode, stdout,
                stderr, stdoutTruncated, stderrTruncated, answer, cause, exception, null, null, 1);
    }

    /** The signal a return code of 129 to 192 stands for by the shell's convention (128 + N), else 0. */
    private static int inferredSignal(int returnCode) {
        return returnCode > 128 && returnCode < 128 + 65 ? returnCode - 128 : 0;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** {@return when the task started running (when it was given up, if it never started)} */
    public Instant timeStart() {
        return Instant.ofEpochSecond(Math.floorDiv(timeStartEpochNanos, NANOS_PER_SECOND),
                Math.floorMod(timeStartEpochNanos, NANOS_PER_SECOND));
    }

    /** {@return how long the task ran, from its start to its end; zero if it never started} */
    public Duration timeRun() {
        return Duration.ofNanos(timeRunNanos);
    }

    /** {@return how long the task waited for a free worker before starting} */
    public Duration queueWait() {
        return Duration.ofNanos(queueWaitNanos);
    }

    /** {@return whether the task succeeded (the seed's {@code success})} */
    public boolean success() {
        return status == Status.SUCCEEDED;
    }

    /** {@return whether the task overran its timeout and was stopped (the seed's {@code timeout})} */
    public boolean timeout() {
        return status == Status.TIMED_OUT;
    }

    /** Shows the times as an {@link Instant} and {@link Duration}s, as the accessors give them. */
    @Override
    public String toString() {
        return "ProcResult[key=" + key + ", arg=" + arg + ", timeStart=" + timeStart() + ", timeRun=" + timeRun()
                + ", queueWait=" + queueWait() + ", status=" + status + ", stopReason=" + stopReason
                + ", returnCode=" + returnCode + ", stdout=" + stdout + ", stderr=" + stderr
                + ", stdoutTruncated=" + stdoutTruncated + ", stderrTruncated=" + stderrTruncated
                + ", answer=" + answer + ", cause=" + cause + ", exception=" + exception
                + ", stdoutBytes=" + stdoutBytes.size() + " bytes, stderrBytes=" + stderrBytes.size() + " bytes"
                + ", attempt=" + attempt + ", signal=" + signal + "]";
    }
}
