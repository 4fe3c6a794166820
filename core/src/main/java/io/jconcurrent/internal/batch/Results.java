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
     * @param stop           why the engine stopped it ({@link StopReason#TIMEOUT}, or the batch's reason),
     *                       or null if it ended by itself
     * @param limit          its time limit, which a timeout's cause names
     */
    static ProcResult of(Task task, int attempt, BatchClock clock, long queueWaitNanos, long startNanos,
            long endNanos, TaskEnd end, StopReason stop, Duration limit, Printed printed) {
        // The common case first, in a method small enough for the JIT to inline into the task driver
        // (so that a task's end record is never allocated); the rest is made by ofOther.
        Outcome returned = end instanceof TaskEnd.Returned r ? r.outcome() : null;
        boolean succeeded = stop == null && (returned != null ? returned.success()
                : end instanceof TaskEnd.Exited e && e.exitCode() == 0);
        if (!succeeded) {
            return ofOther(task, attempt, clock, queueWaitNanos, startNanos, endNanos, end, stop, limit, printed);
        }
        return new ProcResult(task.key(), task.arg(), clock.epochNanos(startNanos), Math.max(0, endNanos - startNanos),
                queueWaitNanos, Status.SUCCEEDED, StopReason.NONE, returned != null ? -1 : 0, printed.stdout(),
                printed.stderr(), printed.stdoutTruncated(), printed.stderrTruncated(),
                returned != null ? returned.answer() : null, null, null, printed.stdoutBytes(), printed.stderrBytes(),
                attempt, 0);
    }

    /** A result that is not a success: a failure, a stop, or a task that never started. */
    private static ProcResult ofOther(Task task, int attempt, BatchClock clock, long queueWaitNanos, long startNanos,
            long endNanos, TaskEnd end, StopReason stop, Duration limit, Printed printed) {
        long run = end instanceof TaskEnd.NotStarted ? 0 : Math.max(0, endNanos - startNanos);
        long startEpoch = clock.epochNanos(startNanos);
        int code = exitCode(end);
        int signal = end instanceof TaskEnd.Exited e ? e.signal() : inferredSignal(end, code);
        Object answer = end instanceof TaskEnd.Returned r && r.outcome() != null ? r.outcome().answer() : null;
        // One constructor call below, and if-chains rather than switches over the sealed type: a fresh
        // JVM's first batch runs this interpreted, then compiled. (A type switch's first run also
        // bootstraps an invokedynamic call site, milliseconds between a deadline and its result.)
        Status status = Status.FAILED;
        StopReason reason = StopReason.NONE;
        String cause;
        Throwable exception = null;
        if (stop != null) {
            reason = stop;
            status = reason == StopReason.TIMEOUT ? Status.TIMED_OUT : Status.CANCELLED;
            cause = stopCause(stop, limit) + note(end);
        } else if (end instanceof TaskEnd.Returned r) {
            Outcome o = r.outcome();
            cause = o == null ? "the function returned null instead of an Outcome"
                    : o.success() ? null : "the function reported failure";
            status = cause == null ? Status.SUCCEEDED : Status.FAILED;
        } else if (end instanceof TaskEnd.Exited e) {
            cause = e.exitCode() == 0 ? null : exitDescription(e.exitCode(), e.signal());
            status = e.exitCode() == 0 ? Status.SUCCEEDED : Status.FAILED;
        } else if (end instanceof TaskEnd.Threw t) {
            cause = "the function threw " + t.exception() + t.note();
            exception = t.exception();
        } else if (end instanceof TaskEnd.NotStarted n) {
            cause = n.cause();
            exception = n.exception();
        } else if (end instanceof TaskEnd.Failed f) {
            cause = f.cause();
            exception = f.exception();
        } else if (end instanceof TaskEnd.Stopped st) {
            cause = "stopped" + st.note();
        } else {
            throw new IllegalStateException("the task's placement reported no end: " + end);
        }
        return new ProcResult(task.key(), task.arg(), startEpoch, run, queueWaitNanos, status, reason, code,
                printed.stdout(), printed.stderr(), printed.stdoutTruncated(), printed.stderrTruncated(), answer, cause,
                exception, printed.stdoutBytes(), printed.stderrBytes(), attempt, signal);
    }

    /** For a command the engine stopped, or that failed: 128 + N is signal N (the engine's own kill). */
    private static int inferredSignal(TaskEnd end, int code) {
        boolean command = end instanceof TaskEnd.Stopped || end instanceof TaskEnd.Failed;
        return command && code > 128 && code < 128 + 65 ? code - 128 : 0;
    }

    /** A result for a task that never got to its placement, given up at {@code nowNanos}. */
    static ProcResult notStarted(Task task, BatchClock clock, long nowNanos, Status status, StopReason reason,
            String cause, Throwable exception) {
        return new ProcResult(task.key(), task.arg(), clock.epochNanos(nowNanos), 0, nowNanos - clock.startNanos(),
                status, reason, -1, "", "", false, false, null, cause, exception, null, null, 1);
    }

    private static int exitCode(TaskEnd end) {
        if (end instanceof TaskEnd.Exited e) {
            return e.exitCode();
        } else if (end instanceof TaskEnd.Stopped s) {
            return s.exitCode();
        } else if (end instanceof TaskEnd.NotStarted n) {
            return n.exitCode();
        } else if (end instanceof TaskEnd.Failed f) {
            return f.exitCode();
        }
        return -1;
    }

    private static String stopCause(StopReason r, Duration limit) {
        if (r == StopReason.TIMEOUT) {
            return "timed out after " + seconds(limit);
        } else if (r == StopReason.FAIL_FAST) {
            return "stopped: another task failed (fail-fast)";
        } else if (r == StopReason.HALT) {
            return "stopped: the batch halted";
        }
        return "stopped: the batch was cancelled";
    }

    /** What the stop did, as the placement said, or why a stopped task never ran. */
    private static String note(TaskEnd end) {
        if (end instanceof TaskEnd.Stopped s) {
            return s.note();
        } else if (end instanceof TaskEnd.NotStarted n) {
            return "; " + n.cause();
        }
        return "";
    }

    /**
     * Runs the timeout path's part of this class once, on the calling (background) thread: its string
     * building's first run links call sites, milliseconds in a fresh JVM, which would otherwise fall
     * between a task's deadline and its result.
     */
    static void warmUp() {
        BatchClock clock = new BatchClock();
        long now = System.nanoTime();
        of(new Task("warm-up", null), 1, clock, 0, now, now, new TaskEnd.Stopped(143, "; processes [1] survived SIGKILL"),
                StopReason.TIMEOUT, Duration.ofMillis(1500), Printed.NOTHING);
        of(new Task("warm-up", null), 1, clock, 0, now, now, new TaskEnd.Exited(1), null, Duration.ZERO, Printed.NOTHING);
    }

    static String exitDescription(int code, int signal) {
        if (signal > 0) {
            return "killed by signal " + signal + " (exit code " + code + ")";
        }
        return "exit code " + code;
    }

    /** A limit as the causes show it: whole seconds as {@code 2 s}, else {@code 0.5 s}. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }
}
