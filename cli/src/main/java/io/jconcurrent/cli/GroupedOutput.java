package io.jconcurrent.cli;

import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The default output, as GNU parallel's grouping: each task's stdout and then its stderr, byte for
 * byte and whole, once the task has ended, never mixed with another task's. A task that timed out or
 * could not start, or whose output {@code --output-limit} cut, also gets a one-line note on stderr
 * saying so. Each task's bytes are released once printed (unless the end-of-run report wants them).
 */
final class GroupedOutput implements ResultSink {

    private final Console console;
    private final OutputNotes notes;
    private final boolean keepBytes;

    /** @param keepBytes whether to keep each task's bytes after printing them (for {@code --print-results}) */
    GroupedOutput(Console console, OutputNotes notes, boolean keepBytes) {
        this.console = console;
        this.notes = notes;
        this.keepBytes = keepBytes;
    }

    @Override
    public void accept(Finished f) {
        ProcResult r = f.result();
        String note = note(f);
        String cut = notes.cut(f);
        try {
            if (r.stdoutBytes().size() == 0 && r.stderrBytes().size() == 0 && r.stdout().isEmpty()
                    && r.stderr().isEmpty() && note == null && cut == null) {
                return;
            }
            console.write(() -> {
                copy(r.stdoutBytes(), r.stdout(), console.out, f);
                console.out.flush();
                copy(r.stderrBytes(), r.stderr(), console.err, f);
                if (note != null) {
                    console.err.println(note);
                }
                if (cut != null) {
                    console.err.println(cut);
                }
            });
        } finally {
            if (!keepBytes) {
                r.stdoutBytes().release();
                r.stderrBytes().release();
            }
        }
    }

    /** Prints a stream: its bytes, or its text where it came as text (from a cluster member). */
    private void copy(OutputBytes bytes, String text, PrintStream to, Finished f) {
        if (bytes.size() == 0) {
            to.print(text);
            return;
        }
        try {
            if (bytes.size() == 0 && !text.isEmpty()) {
                to.print(text);
                return;
            }
            bytes.writeTo(to);
        } catch (IOException e) {
            // The stream itself never throws (a PrintStream); the spooled file could not be read back.
            console.err.println("jconcurrent: task " + f.input().key() + ": its output could not be read back: " + e);
        }
    }

    /**
     * Why a task ended badly, when its own output will not say: timeouts, programs that never ran, and
     * jconcurrent's own failure (out of memory, say), after which whether the task ran is not known.
     */
    static String note(Finished f) {
        ProcResult r = f.result();
        if (RunStats.failedInJconcurrent(r)) {
            return "jconcurrent: task " + f.input().key() + ": jconcurrent itself failed while running it, so it"
                    + " may or may not have run (its output, if any, is lost): " + r.cause();
        }
        if (r.status() == Status.TIMED_OUT) {
            return "jconcurrent: task " + f.input().key() + " " + r.cause() + ": " + f.command();
        }
        if (r.status() == Status.FAILED && r.timeRun().isZero() && r.cause() != null) {
            return "jconcurrent: task " + f.input().key() + " did not run: " + r.cause();
        }
        return null;
    }
}
