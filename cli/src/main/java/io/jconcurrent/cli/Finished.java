package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;

/**
 * A task's final result: its last run, after any retries.
 *
 * @param attempt which task, and which run of it this was
 * @param result  what the engine reported for that run
 * @param command the command line that ran, for logs
 * @param host    where it ran, as the joblog's Host column says it: {@code :} for this machine, else a
 *                cluster member's {@code host:port}
 */
record Finished(Attempt attempt, ProcResult result, String command, String host) {

    /** A task that ran on this machine. */
    Finished(Attempt attempt, ProcResult result, String command) {
        this(attempt, result, command, ResultHandler.LOCAL_HOST);
    }

    TaskInput input() {
        return attempt.input();
    }
}
