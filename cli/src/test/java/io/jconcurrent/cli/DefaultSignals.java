package io.jconcurrent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the processes a test starts the signal dispositions of a terminal. A shell starts a background
 * job ({@code mvn verify &}) with SIGINT and SIGQUIT ignored, and an ignored signal is inherited across
 * exec: the CLI, and its tasks, would then ignore the Ctrl-C the tests send. Where this JVM ignores
 * them, commands run through coreutils' {@code env --default-signal}.
 */
final class DefaultSignals {

    private static final long SIGINT_AND_SIGQUIT = (1L << (2 - 1)) | (1L << (3 - 1));
    private static final boolean IGNORED = ignoredHere();

    private DefaultSignals() {
    }

    /** {@code command}, run with SIGINT and SIGQUIT at their default dispositions. */
    static List<String> restored(List<String> command) {
        if (!IGNORED) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT,QUIT"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean ignoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & SIGINT_AND_SIGQUIT) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
