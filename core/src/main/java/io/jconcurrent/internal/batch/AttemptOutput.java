package io.jconcurrent.internal.batch;

import io.jconcurrent.internal.process.OutputCapture;
import java.io.OutputStream;

/**
 * Where one attempt's output goes, and what of it the result keeps: the attempt's open sinks, or
 * {@link #NONE} for a placement that captures nothing (functions in this JVM print to its own streams).
 */
sealed interface AttemptOutput {

    /** No capture: output is dropped and the result's output fields are empty. */
    AttemptOutput NONE = new None();

    /** Stdout (or stderr) as a stream the placement writes to as the task prints. */
    OutputStream stream(boolean stdout);

    /** What the ended attempt printed; its streams are complete, so files are closed first. */
    Results.Printed printed();

    /** The output of an attempt whose sinks are {@code sinks}. */
    static AttemptOutput of(OutputCapture.Sinks sinks) {
        return new Captured(sinks);
    }

    /** The attempt's output goes to {@code sinks}. */
    record Captured(OutputCapture.Sinks sinks) implements AttemptOutput {
        @Override
        public OutputStream stream(boolean stdout) {
            return sinks.stream(stdout);
        }

        @Override
        public Results.Printed printed() {
            sinks.closeFiles();
            return new Results.Printed(sinks.text(true), sinks.text(false), sinks.truncated(true),
                    sinks.truncated(false), sinks.bytes(true), sinks.bytes(false));
        }
    }

    /** Nothing is captured. */
    final class None implements AttemptOutput {
        private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

        private None() {
        }

        @Override
        public OutputStream stream(boolean stdout) {
            return NOWHERE;
        }

        @Override
        public Results.Printed printed() {
            return Results.Printed.NOTHING;
        }
    }
}
