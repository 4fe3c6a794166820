package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import java.util.List;

/**
 * A task's final result: its last run, after any retries.
 *
 * @param attempt which task, and which run of it this was
 * @param result  what the engine reported for that run
 * @param argv    the argv that ran
 */
record Finished(Attempt attempt, ProcResult result, List<?> argv) {

    TaskInput input() {
        return attempt.input();
    }

    /** The command line that ran, for messages: each word shell-quoted as GNU parallel does. */
    String command() {
        return ShellQuote.text(argv);
    }
}
