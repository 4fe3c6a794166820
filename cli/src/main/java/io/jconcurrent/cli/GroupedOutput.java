package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;

/**
 * The default output, as GNU parallel's grouping: each task's stdout and then its stderr, whole, once
 * the task has ended, never mixed with another task's. A task that timed out or could not start also
 * gets a one-line note on stderr saying so.
 */
final class GroupedOutput implements ResultSink {

    private final Console console;

    GroupedOutput(Console console) {
        this.console = console;
    }

    @Override
    public void accept(Finished f) {
        ProcResult r = f.result();
        String note = note(f);
        if (r.stdout().isEmpty() && r.stderr().isEmpty() && note == null) {
            return;
        }
        console.write(() -> {
            if (!r.stdout().isEmpty()) {
                console.out.print(r.stdout());
                console.out.flush();
            }
            if (!r.stderr().isEmpty()) {
                console.err.print(r.stderr());
            }
            if (note != null) {
                console.err.println(note);
            }
        });
    }

    /** Why a task ended badly, when its own output will not say: timeouts, and programs that never ran. */
    static String note(Finished f) {
        ProcResult r = f.result();
        if (r.status() == Status.TIMED_OUT) {
            return "jconcurrent: task " + r.key() + " " + r.cause() + ": " + f.command();
        }
        if (r.status() == Status.FAILED && r.timeRun().isZero() && r.cause() != null) {
            return "jconcurrent: task " + r.key() + " did not run: " + r.cause();
        }
        return null;
    }
}
