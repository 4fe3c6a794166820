package io.jconcurrent.cluster;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.TaskEnd;
import java.io.Serializable;

/**
 * How one task ended on a member, as data that travels back to the submitter: the member's
 * {@link TaskEnd} and what the task printed (capped there as the batch's output policy caps it). The
 * submitter's engine turns it into the task's result, as for a task run on its own machine.
 *
 * @param kind            which kind of {@link TaskEnd}
 * @param exitCode        a command's exit code (or 128 + signal), else -1
 * @param text            the end's cause or note
 * @param exception       what a function threw or what failed, made plain ({@link RemoteTaskException})
 * @param outcome         what a function returned
 * @param timedOut        whether the member stopped it at its time limit
 * @param cancelled       whether the member stopped it for a reason of its own or a stop order
 * @param runNanos        how long it ran on the member
 * @param stdout          its standard output as the member kept it
 * @param stderr          its standard error as the member kept it
 */
record Ended(Kind kind, int exitCode, String text, Throwable exception, Outcome outcome, boolean timedOut,
             boolean cancelled, long runNanos, RawCapture.Kept stdout, RawCapture.Kept stderr)
        implements Serializable {

    /** The kinds of {@link TaskEnd}. */
    enum Kind { EXITED, RETURNED, THREW, NOT_STARTED, FAILED, STOPPED }

    /** A task that did not start on the member (stopped while it waited, or refused). */
    static Ended notStarted(String why, boolean cancelled) {
        return new Ended(Kind.NOT_STARTED, -1, why, null, null, false, cancelled, 0, RawCapture.Kept.NOTHING,
                RawCapture.Kept.NOTHING);
    }

    /**
     * The end the member's engine saw ({@code end}, null if the task never reached its placement), the
     * member's own result for it (its run time and status), and its output as kept.
     */
    static Ended of(TaskEnd end, ProcResult local, RawCapture.Kept stdout, RawCapture.Kept stderr) {
        boolean timedOut = local.status() == Status.TIMED_OUT;
        boolean cancelled = local.status() == Status.CANCELLED;
        Kind kind;
        int code = -1;
        String text = "";
        Throwable ex = null;
        Outcome outcome = null;
        if (end instanceof TaskEnd.Exited e) {
            kind = Kind.EXITED;
            code = e.exitCode();
        } else if (end instanceof TaskEnd.Returned r) {
            kind = Kind.RETURNED;
            outcome = r.outcome();
        } else if (end instanceof TaskEnd.Threw t) {
            kind = Kind.THREW;
            ex = t.exception();
            text = t.note();
        } else if (end instanceof TaskEnd.Failed f) {
            kind = Kind.FAILED;
            code = f.exitCode();
            text = f.cause();
            ex = f.exception();
        } else if (end instanceof TaskEnd.Stopped s) {
            kind = Kind.STOPPED;
            code = s.exitCode();
            text = s.note();
        } else if (end instanceof TaskEnd.NotStarted n) {
            kind = Kind.NOT_STARTED;
            code = n.exitCode();
            text = n.cause();
            ex = n.exception();
        } else { // never reached the member's placement: the member's engine stopped it first
            kind = Kind.NOT_STARTED;
            text = local.cause() == null ? "not started on the member" : local.cause();
        }
        if (ex != null && !(ex instanceof RemoteTaskException)) {
            ex = new RemoteTaskException(ex);
        }
        return new Ended(kind, code, text, ex, outcome, timedOut, cancelled, local.timeRunNanos(), stdout, stderr);
    }

    /** As the submitter's engine takes it; {@code host} is appended to a stop's note. */
    TaskEnd toTaskEnd(String host) {
        return switch (kind) {
            case EXITED -> new TaskEnd.Exited(exitCode);
            case RETURNED -> new TaskEnd.Returned(outcome);
            case THREW -> new TaskEnd.Threw(exception, text);
            case FAILED -> new TaskEnd.Failed(text + " (on member " + host + ")", exception, exitCode);
            case STOPPED -> new TaskEnd.Stopped(exitCode, text);
            case NOT_STARTED -> new TaskEnd.NotStarted(text, exception, exitCode);
        };
    }
}
