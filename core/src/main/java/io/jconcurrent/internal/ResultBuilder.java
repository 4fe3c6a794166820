package io.jconcurrent.internal;

import io.jconcurrent.Outcome;
import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;

/** Collects one task's facts as it runs, then freezes them into a {@link ProcResult}. Not thread-safe. */
final class ResultBuilder {

    /** Marks a time not set by the runner, which {@link #build()} then works out. */
    static final long UNSET = Long.MIN_VALUE;

    final Task task;
    private final BatchClock clock;
    long queueWaitNanos;
    /**
     * The run's start on the monotonic clock: when the task got its worker, or when {@link #started()}
     * was called (a command, after its preparation).
     */
    long startNanos;
    /** The run's start on the wall clock if it is known from elsewhere (a worker JVM); else UNSET. */
    long timeStartEpochNanos = UNSET;
    /** The run's length if it is known; UNSET = from {@link #startNanos} until {@link #build()}. */
    long timeRunNanos = UNSET;
    Status status = Status.FAILED;
    StopReason stopReason = StopReason.NONE;
    int returnCode = -1;
    String stdout = "";
    String stderr = "";
    boolean stdoutTruncated;
    boolean stderrTruncated;
    OutputBytes stdoutBytes;
    OutputBytes stderrBytes;
    Object answer;
    String cause;
    Throwable exception;

    /**
     * @param readyNanos when the task got its worker ({@link System#nanoTime()}); its queue wait ends
     *                   and, unless {@link #started()} says otherwise, its run starts then
     */
    ResultBuilder(Task task, long readyNanos, BatchClock clock) {
        this.task = task;
        this.clock = clock;
        this.queueWaitNanos = readyNanos - clock.startNanos();
        this.startNanos = readyNanos;
    }

    /** Marks the start of the run itself, after a preparation that is not counted as running. */
    void started() {
        startNanos = System.nanoTime();
    }

    /** Marks the end of the run now. */
    void ended() {
        timeRunNanos = System.nanoTime() - startNanos;
    }

    /** Marks a run that never began: it took no time. */
    void neverRan() {
        timeRunNanos = 0;
    }

    ResultBuilder stopped(Status status, StopReason reason, String cause) {
        this.status = status;
        this.stopReason = reason;
        this.cause = cause;
        return this;
    }

    /**
     * Records that the batch stopped this running task (cancellation or fail-fast), with
     * {@code detail} appended to the cause when there is one.
     */
    ResultBuilder stoppedByBatch(StopReason reason, String detail) {
        String cause = reason == StopReason.FAIL_FAST
                ? "stopped: another task failed (fail-fast)" : "stopped: the batch was cancelled";
        return stopped(Status.CANCELLED, reason, detail == null || detail.isEmpty() ? cause : cause + detail);
    }

    /** Records what a function returned: its answer, and success or failure ({@code null} fails). */
    ResultBuilder outcome(Outcome outcome) {
        if (outcome == null) {
            return failed("the function returned null instead of an Outcome", null);
        }
        answer = outcome.answer();
        if (!outcome.success()) {
            return failed("the function reported failure", null);
        }
        status = Status.SUCCEEDED;
        return this;
    }

    ResultBuilder failed(String cause, Throwable exception) {
        this.status = Status.FAILED;
        this.cause = cause;
        this.exception = exception;
        return this;
    }

    ProcResult build() {
        long run = timeRunNanos != UNSET ? timeRunNanos : System.nanoTime() - startNanos;
        long start = timeStartEpochNanos != UNSET ? timeStartEpochNanos : clock.epochNanos(startNanos);
        return new ProcResult(task.key(), task.arg(), start, run, queueWaitNanos, status, stopReason, returnCode,
                stdout, stderr, stdoutTruncated, stderrTruncated, answer, cause, exception, stdoutBytes, stderrBytes);
    }

    /** A result for a task that never ran, given up at {@code nowNanos} ({@link System#nanoTime()}). */
    static ProcResult notStarted(Task task, BatchClock clock, long nowNanos, Status status, StopReason reason,
            String cause, Throwable exception) {
        return new ProcResult(task.key(), task.arg(), clock.epochNanos(nowNanos), 0, nowNanos - clock.startNanos(),
                status, reason, -1, "", "", false, false, null, cause, exception);
    }
}
