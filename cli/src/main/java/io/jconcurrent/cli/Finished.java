package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;

/**
 * A task's final result: its last run, after any retries.
 *
 * @param attempt which task, and which run of it this was
 * @param result  what the engine reported for that run
 * @param command the command line that ran, for logs
 */
record Finished(Attempt attempt, ProcResult result, String command) {

    TaskInput input() {
        return attempt.input();
    }
}
