package io.jconcurrent.internal.process;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link ProcessSignals} without native access: one run of {@code /bin/sh -c 'kill -s STOP -- -G P1
 * P2; kill -s TERM -- ...'}, whose {@code kill} builtin signals a process group in one system call,
 * as the direct path does. Costs one exec (a few milliseconds) per sequence. Without {@code /bin/sh},
 * {@link ProcessHandle} signals one process at a time, TERM and KILL only.
 */
final class ShellSignals implements ProcessSignals {

    static final ShellSignals INSTANCE = new ShellSignals();

    private static final File SH = new File("/bin/sh");
    private static final File DEV_NULL = new File("/dev/null");
    private static final long WAIT_SECONDS = 5;

    private ShellSignals() {
    }

    @Override
    public void send(List<Signal> sequence, long group, List<ProcessHandle> each) {
        StringBuilder targets = new StringBuilder();
        if (group > 1) {
            targets.append(" -").append(group);
        }
        for (ProcessHandle h : each) {
            if (h.isAlive()) {
                targets.append(' ').append(h.pid());
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        if (!SH.canExecute()) {
            sendOneByOne(sequence, each);
            return;
        }
        StringBuilder script = new StringBuilder();
        for (Signal s : sequence) {
            script.append("kill -s ").append(s.name()).append(" --").append(targets).append(" 2>/dev/null; ");
        }
        script.append("exit 0");
        try {
            Process p = new ProcessBuilder(SH.getPath(), "-c", script.toString())
                    .redirectInput(DEV_NULL)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            sendOneByOne(sequence, each);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendOneByOne(sequence, each);
        }
    }

    /** The last resort: no group call and no freezing, as {@link ProcessHandle} can do no more. */
    private static void sendOneByOne(List<Signal> sequence, List<ProcessHandle> each) {
        for (Signal s : sequence) {
            for (ProcessHandle h : each) {
                if (s == Signal.TERM) {
                    h.destroy();
                } else if (s == Signal.KILL) {
                    h.destroyForcibly();
                }
            }
        }
    }
}
