package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import java.util.List;

/**
 * A task's final result: its last run, after any retries.
 *
 * @param attempt which task, and which run of it this was
 * @param result  what the engine reported for that run
 * @param argv    the argv that ran
 * @param host    where it ran, as the joblog's Host column says it: {@code :} for this machine, else a
 *                cluster member's {@code host:port}
 */
record Finished(Attempt attempt, ProcResult result, List<?> argv, String host) {

    /** A task that ran on this machine. */
    Finished(Attempt attempt, ProcResult result, List<?> argv) {
        this(attempt, result, argv, ResultHandler.LOCAL_HOST);
    }

    TaskInput input() {
        return attempt.input();
    }

    /** The command line that ran, for messages: each word shell-quoted as GNU parallel does. */
    String command() {
        return ShellQuote.text(argv);
    }
}
