package io.jconcurrent.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small process that outlives its member only to kill the member's tasks. Every command a member
 * runs carries {@link #VARIABLE}{@code =<mark>} in its environment, and so do the processes it starts,
 * even those that made sessions of their own. The watchdog waits for end of file on its stdin, which
 * comes when the member ends in any way (its end of the pipe is closed by the kernel, even after
 * {@code kill -9}); it then sends SIGKILL to every process whose environment carries the mark, in a
 * few passes so that one forked meanwhile is caught too. (Worker JVMs notice their parent is gone and
 * clean their own sessions.)
 *
 * <p>It is a bash script, so it costs a few hundred KiB and no CPU while it waits; it finds the marked
 * processes with one {@code grep} over {@code /proc/PID/environ} (a pass in bash builtins alone, its
 * fallback, takes seconds on a loaded machine with many processes). Without bash or {@code /proc} there is no watchdog, and a
 * member killed with {@code kill -9} leaves its running tasks behind.
 */
final class Watchdog implements AutoCloseable {

    /** The environment variable that marks a member's task processes. */
    static final String VARIABLE = "JCONCURRENT_MEMBER";

    private static final String SCRIPT = """
            mark="$1=$2"
            while IFS= read -r _; do :; done
            grep=$(command -v grep)
            for pass in 1 2 3 4 5; do
              found=0
              if [ -n "$grep" ]; then
                for f in $("$grep" -lsxzF -e "$mark" /proc/[0-9]*/environ); do
                  p=${f#/proc/}; kill -KILL "${p%/environ}" 2>/dev/null && found=1
                done
              else
                for f in /proc/[0-9]*/environ; do
                  { while IFS= read -r -d '' e; do
                      if [ "$e" = "$mark" ]; then
                        p=${f#/proc/}; kill -KILL "${p%/environ}" 2>/dev/null && found=1; break
                      fi
                    done < "$f"; } 2>/dev/null
                done
              fi
              [ "$found" = 0 ] && break
            done
            """;

    private final String mark;
    private final Process process;
    private final OutputStream pipe;

    private Watchdog(String mark, Process process) {
        this.mark = mark;
        this.process = process;
        this.pipe = process == null ? null : process.getOutputStream();
    }

    /** Starts a watchdog for the processes marked {@code mark}; without bash or /proc, none (see above). */
    static Watchdog start(String mark) {
        String bash = List.of("/bin/bash", "/usr/bin/bash").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        if (bash == null || !Files.isDirectory(Path.of("/proc/self"))) {
            System.getLogger(Watchdog.class.getName()).log(System.Logger.Level.WARNING,
                    "no bash or /proc: this member's tasks will outlive it if it is killed");
            return new Watchdog(mark, null);
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(bash, "-c", SCRIPT, "jconcurrent-watchdog", VARIABLE, mark)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().remove(VARIABLE);
            return new Watchdog(mark, pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the member's watchdog: " + e.getMessage(), e);
        }
    }

    /** What marks this member's tasks: add it to every command's environment. */
    Map<String, String> environment() {
        return Map.of(VARIABLE, mark);
    }

    /** The watchdog's process, if there is one. */
    Process process() {
        return process;
    }

    /**
     * Lets the watchdog do its work now (as it would if the member died) and waits for it to end:
     * every process still marked is killed.
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            pipe.close();
        } catch (IOException e) {
            // it sees end of file either way
        }
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
