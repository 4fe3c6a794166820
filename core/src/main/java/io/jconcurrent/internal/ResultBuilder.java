package io.jconcurrent.internal;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import java.time.Duration;
import java.time.Instant;

/** Collects one task's facts as it runs, then freezes them into a {@link ProcResult}. Not thread-safe. */
final class ResultBuilder {

    final Task task;
    final Duration queueWait;
    /** Set by {@link #started()}; a task that never started gets the time its result was built. */
    Instant timeStart;
    long startNanos = System.nanoTime();
    Duration timeRun;
    Status status = Status.FAILED;
    StopReason stopReason = StopReason.NONE;
    int returnCode = -1;
    String stdout = "";
    String stderr = "";
    boolean stdoutTruncated;
    boolean stderrTruncated;
    Object answer;
    String cause;
    Throwable exception;

    ResultBuilder(Task task, Duration queueWait) {
        this.task = task;
        this.queueWait = queueWait;
    }

    /** Marks the start of the run itself (after any preparation). */
    void started() {
        timeStart = Instant.now();
        startNanos = System.nanoTime();
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
        Duration run = timeRun != null ? timeRun : Duration.ofNanos(System.nanoTime() - startNanos);
        return new ProcResult(task.key(), task.arg(), timeStart != null ? timeStart : Instant.now(), run, queueWait, status, stopReason, returnCode,
                stdout, stderr, stdoutTruncated, stderrTruncated, answer, cause, exception);
    }

    /** A result for a task that never ran. */
    static ProcResult notStarted(Task task, Duration queueWait, Status status, StopReason reason, String cause,
            Throwable exception) {
        return new ProcResult(task.key(), task.arg(), Instant.now(), Duration.ZERO, queueWait, status, reason, -1,
                "", "", false, false, null, cause, exception);
    }
}
