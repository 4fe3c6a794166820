package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import java.nio.charset.StandardCharsets;

/**
 * A task's final result: its last run, after any retries.
 *
 * @param job         which task (the result says which run of it this was)
 * @param result      what the engine reported for that run
 * @param commandLine the command line that ran, as bytes, as GNU parallel writes it in its joblog: an
 *                    argv command's words each shell-quoted as parallel quotes them, a shell command's
 *                    script as given ({@link CommandTemplate#commandLine})
 * @param host        where it ran, as the joblog's Host column says it: {@code :} for this machine, else a
 *                    cluster member's {@code host:port}
 */
record Finished(Job job, ProcResult result, byte[] commandLine, String host) {

    /** A task that ran on this machine. */
    Finished(Job job, ProcResult result, byte[] commandLine) {
        this(job, result, commandLine, ResultHandler.LOCAL_HOST);
    }

    TaskInput input() {
        return job.input();
    }

    /** The command line that ran, for messages (bytes that are not UTF-8 show as U+FFFD). */
    String command() {
        return new String(commandLine, StandardCharsets.UTF_8);
    }
}
