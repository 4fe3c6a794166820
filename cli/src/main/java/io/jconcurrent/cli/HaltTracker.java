package io.jconcurrent.cli;

import io.jconcurrent.Halt;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;

/**
 * {@code --halt} as GNU parallel reports it: the engine halts the batch (the CLI gives it the
 * {@link Halt}); this counts the finished tasks as the engine does, says on stderr each task that counts
 * toward the condition ({@code This job failed:} and its command) and, once the condition is met, why
 * the run stops; and decides the exit status. With {@code fail=1} (or {@code done=1}) the
 * status is that of the task that met it (its exit status, or 128 + the signal that killed it); with
 * another count, the number of failed tasks (at most 101); with a percentage, the percentage of the
 * tasks that failed (rounded up); with {@code success=}, 0 once it is met. Thread-safe.
 */
final class HaltTracker {

    /** What a finished task asks of the run. */
    enum Action { NONE, STOP_STARTING, STOP_NOW }

    private final Halt policy;
    private final Console console;
    private long failed;
    private long succeeded;
    private boolean reached;
    /** Decided when the condition is met; null until then (and for success=, 0 then). */
    private Integer exitStatus;

    HaltTracker(Halt policy, Console console) {
        this.policy = policy;
        this.console = console;
    }

    /**
     * Counts a task's final result (a task jconcurrent cancelled does not count).
     *
     * @param total   the tasks a percentage is of: all of them once known, else those started so far
     * @param running tasks still running besides this one
     */
    synchronized Action finished(Finished f, long total, long running) {
        ProcResult r = f.result();
        if (policy.when() == Halt.When.NEVER || r.status() == Status.CANCELLED) {
            return Action.NONE;
        }
        boolean ok = r.success();
        if (ok) {
            succeeded++;
        } else {
            failed++;
        }
        String what = switch (policy.counted()) {
            case FAILED -> ok ? null : "failed";
            case SUCCEEDED -> ok ? "succeeded" : null;
            case DONE -> "finished";
        };
        if (what == null) {
            return Action.NONE;
        }
        say("jconcurrent: This job " + what + ":\n" + f.command());
        if (reached || !policy.reached(failed, succeeded, total)) {
            return Action.NONE;
        }
        reached = true;
        if (policy.counted() == Halt.Counted.SUCCEEDED) {
            exitStatus = 0;
        } else if (policy.percent() > 0) {
            exitStatus = (int) Math.ceil(failed * 100.0 / Math.max(1, total));
        } else if (policy.count() == 1) {
            exitStatus = statusOf(r);
        } else {
            exitStatus = (int) Math.min(failed, ExitCode.MAX_FAILURES);
        }
        if (policy.when() == Halt.When.SOON) {
            if (running > 0) {
                say("jconcurrent: Starting no more jobs. Waiting for " + running + " jobs to finish.");
            }
            return Action.STOP_STARTING;
        }
        if (running > 0) {
            say("jconcurrent: Stopping the " + running + " running jobs (--halt " + describe() + ").");
        }
        return Action.STOP_NOW;
    }

    /** The run's exit status with {@code --halt}, once every task has finished; {@code started} tasks ran. */
    synchronized int exitStatus(long started) {
        if (exitStatus != null) {
            return exitStatus;
        }
        if (policy.percent() > 0) {
            return (int) Math.ceil(failed * 100.0 / Math.max(1, started));
        }
        return (int) Math.min(failed, ExitCode.MAX_FAILURES);
    }

    /** As parallel: the exit status, else 128 + the signal, a timeout's -1 as 255. */
    private static int statusOf(ProcResult r) {
        int exitval = Joblog.exitval(r);
        if (exitval != 0) {
            return exitval & 0xFF;
        }
        return r.signal() > 0 ? 128 + r.signal() : 0;
    }

    private String describe() {
        return HaltOption.describe(policy);
    }

    private void say(String line) {
        console.write(() -> console.err.println(line));
    }
}
