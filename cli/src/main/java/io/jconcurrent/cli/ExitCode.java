package io.jconcurrent.cli;

/**
 * The CLI's exit statuses, as GNU parallel's: 0 when every task succeeded, the number of failed tasks
 * (at most {@value #MAX_FAILURES}) otherwise, 2 for a usage error found before anything ran, and
 * 128 + the signal number when a signal stopped the run, 255 when jconcurrent itself failed.
 */
enum ExitCode {
    /** Every task succeeded (or there were none). */
    OK(0),
    /** Bad options or input; nothing ran. */
    USAGE(2),
    /** Stopped by SIGINT (Ctrl-C). */
    INTERRUPTED(130),
    /** Stopped by SIGTERM. */
    TERMINATED(143),
    /** jconcurrent itself failed after starting (for example, reading the input failed). */
    ERROR(255);

    /** SIGPIPE's number: a closed stdout stops the run as this signal would (exit 141). */
    static final int SIGPIPE = 13;

    /** Failures beyond this many are reported as this many, so the status stays below 128. */
    static final int MAX_FAILURES = 101;

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The status for a run in which {@code failed} tasks did not succeed. */
    static int forFailures(long failed) {
        return failed <= 0 ? OK.status : (int) Math.min(failed, MAX_FAILURES);
    }

    /** The status for a run stopped by the signal with this number (2 = INT, 15 = TERM). */
    static int forSignal(int signal) {
        return 128 + signal;
    }
}
