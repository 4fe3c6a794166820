package io.jconcurrent.internal;

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
