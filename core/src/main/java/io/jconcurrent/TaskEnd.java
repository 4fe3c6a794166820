package io.jconcurrent;

/**
 * How a task ended, as its placement reports it (part of the placement service-provider interface).
 * The engine turns it, with why it stopped the task if it did, into the task's {@link ProcResult}.
 * Thread-safety: immutable records.
 */
public sealed interface TaskEnd {

    /**
     * A command ended by itself.
     *
     * @param exitCode its exit status, or 128 + N if signal N ended it
     * @param signal   the signal that ended it, or 0 if it exited (then an {@code exitCode} above 128 is
     *                 its own exit status, not a signal)
     */
    record Exited(int exitCode, int signal) implements TaskEnd {
        /**
         * A command that ended with {@code exitCode}, a code of 129 to 192 taken as 128 + a signal.
         *
         * @param exitCode its exit status
         */
        public Exited(int exitCode) {
            this(exitCode, exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : 0);
        }
    }

    /**
     * A function returned.
     *
     * @param outcome what it returned; null counts as a failure
     */
    record Returned(Outcome outcome) implements TaskEnd {
    }

    /**
     * A function threw.
     *
     * @param exception what it threw
     * @param note      appended to the result's cause (for example why its worker was replaced); may be empty
     */
    record Threw(Throwable exception, String note) implements TaskEnd {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code exception} is null
         */
        public Threw {
            java.util.Objects.requireNonNull(exception, "exception");
            note = note == null ? "" : note;
        }
    }

    /**
     * The task never began: its program is missing, its arg cannot be sent, no worker could start.
     * Its result shows no run time.
     *
     * @param cause     why, for the result's {@link ProcResult#cause()}
     * @param exception the exception behind it, or null
     * @param exitCode  a command's exit code by shell convention (127 not found, 126 cannot execute), else -1
     */
    record NotStarted(String cause, Throwable exception, int exitCode) implements TaskEnd {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code cause} is null
         */
        public NotStarted {
            java.util.Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The task ran but failed in a way that is not its own answer: its worker JVM died under it, or
     * its answer could not be brought back.
     *
     * @param cause     what went wrong, for the result's {@link ProcResult#cause()}
     * @param exception the exception behind it, or null
     * @param exitCode  a command's exit code, else -1
     */
    record Failed(String cause, Throwable exception, int exitCode) implements TaskEnd {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code cause} is null
         */
        public Failed {
            java.util.Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The task ended because it was stopped ({@link RunningTask#stop}, or at its deadline by a
     * placement that must stop to stop waiting).
     *
     * @param exitCode a command's exit code (128 + the signal), else -1
     * @param note     what the stop did, appended to the result's cause (for example processes that
     *                 survived SIGKILL, or which worker JVM was killed); may be empty
     */
    record Stopped(int exitCode, String note) implements TaskEnd {
        /** Normalizes a null note to empty. */
        public Stopped {
            note = note == null ? "" : note;
        }
    }
}
