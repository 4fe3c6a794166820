package io.jconcurrent.internal.batch;

import io.jconcurrent.Outcome;
import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.TaskEnd;
import java.time.Duration;

/**
 * The one place a {@link ProcResult} is made: a pure function from what happened to a task (how it
 * ended, whether and why the engine stopped it, its times and output) to its result. Every kind of
 * task and every placement goes through here, so a status, a stop reason and a cause mean the same
 * everywhere.
 */
final class Results {

    private Results() {
    }

    /**
     * Why the engine stopped a task, if it did.
     *
     * @param reason {@link StopReason#TIMEOUT}, or the batch's reason (cancelled, fail-fast)
     * @param limit  the task's time limit, for a timeout
     */
    record Stop(StopReason reason, Duration limit) {
        static Stop timeout(Duration limit) {
            return new Stop(StopReason.TIMEOUT, limit);
        }

        static Stop byBatch(StopReason reason) {
            return new Stop(reason, Duration.ZERO);
        }
    }

    /** What a task printed, as its sinks kept it. */
    record Printed(String stdout, String stderr, boolean stdoutTruncated, boolean stderrTruncated,
                   OutputBytes stdoutBytes, OutputBytes stderrBytes) {
        static final Printed NOTHING = new Printed("", "", false, false, null, null);
    }

    /**
     * A task's result.
     *
     * @param queueWaitNanos how long it waited for a worker before it started
     * @param startNanos     when it started ({@link System#nanoTime()})
     * @param endNanos       when it ended
     * @param stop           why the engine stopped it, or null if it ended by itself
     */
    static ProcResult of(Task task, int attempt, BatchClock clock, long queueWaitNanos, long startNanos,
            long endNanos, TaskEnd end, Stop stop, Printed printed) {
        long run = end instanceof TaskEnd.NotStarted ? 0 : Math.max(0, endNanos - startNanos);
        long startEpoch = clock.epochNanos(startNanos);
        int code = exitCode(end);
        Object answer = end instanceof TaskEnd.Returned r && r.outcome() != null ? r.outcome().answer() : null;
        if (stop != null) {
            Status status = stop.reason() == StopReason.TIMEOUT ? Status.TIMED_OUT : Status.CANCELLED;
            return new ProcResult(task.key(), task.arg(), startEpoch, run, queueWaitNanos, status, stop.reason(), code,
                    printed.stdout(), printed.stderr(), printed.stdoutTruncated(), printed.stderrTruncated(), answer,
                    stopCause(stop) + note(end), null, printed.stdoutBytes(), printed.stderrBytes(), attempt);
        }
        Status status = Status.FAILED;
        String cause;
        Throwable exception = null;
        switch (end) {
            case TaskEnd.Exited e -> {
                cause = e.exitCode() == 0 ? null : exitDescription(e.exitCode());
                status = e.exitCode() == 0 ? Status.SUCCEEDED : Status.FAILED;
            }
            case TaskEnd.Returned r -> {
                Outcome o = r.outcome();
                cause = o == null ? "the function returned null instead of an Outcome"
                        : o.success() ? null : "the function reported failure";
                status = cause == null ? Status.SUCCEEDED : Status.FAILED;
            }
            case TaskEnd.Threw t -> {
                cause = "the function threw " + t.exception() + t.note();
                exception = t.exception();
            }
            case TaskEnd.NotStarted n -> {
                cause = n.cause();
                exception = n.exception();
            }
            case TaskEnd.Failed f -> {
                cause = f.cause();
                exception = f.exception();
            }
            case TaskEnd.Stopped s -> cause = "stopped" + s.note();
        }
        return new ProcResult(task.key(), task.arg(), startEpoch, run, queueWaitNanos, status, StopReason.NONE, code,
                printed.stdout(), printed.stderr(), printed.stdoutTruncated(), printed.stderrTruncated(), answer, cause,
                exception, printed.stdoutBytes(), printed.stderrBytes(), attempt);
    }

    /** A result for a task that never got to its placement, given up at {@code nowNanos}. */
    static ProcResult notStarted(Task task, BatchClock clock, long nowNanos, Status status, StopReason reason,
            String cause, Throwable exception) {
        return new ProcResult(task.key(), task.arg(), clock.epochNanos(nowNanos), 0, nowNanos - clock.startNanos(),
                status, reason, -1, "", "", false, false, null, cause, exception, null, null, 1);
    }

    private static int exitCode(TaskEnd end) {
        return switch (end) {
            case TaskEnd.Exited e -> e.exitCode();
            case TaskEnd.Stopped s -> s.exitCode();
            case TaskEnd.NotStarted n -> n.exitCode();
            case TaskEnd.Failed f -> f.exitCode();
            case TaskEnd.Returned r -> -1;
            case TaskEnd.Threw t -> -1;
        };
    }

    private static String stopCause(Stop stop) {
        return switch (stop.reason()) {
            case TIMEOUT -> "timed out after " + seconds(stop.limit());
            case FAIL_FAST -> "stopped: another task failed (fail-fast)";
            default -> "stopped: the batch was cancelled";
        };
    }

    /** What the stop did, as the placement said, or why a stopped task never ran. */
    private static String note(TaskEnd end) {
        return switch (end) {
            case TaskEnd.Stopped s -> s.note();
            case TaskEnd.NotStarted n -> "; " + n.cause();
            default -> "";
        };
    }

    static String exitDescription(int code) {
        if (code > 128 && code < 128 + 65) {
            return "killed by signal " + (code - 128) + " (exit code " + code + ")";
        }
        return "exit code " + code;
    }

    /** A limit as the causes show it: whole seconds as {@code 2 s}, else {@code 0.5 s}. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }
}
