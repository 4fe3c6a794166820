package io.jconcurrent.internal.process;

import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.internal.batch.InterruptibleWaits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running command: waits for its process, looks at its tree ahead of a deadline, stops the whole
 * tree ({@link ProcessTree#kill}), and once it has ended lets its output drain and kills what it left
 * running in its group.
 */
final class CommandRun implements RunningTask, InterruptibleWaits {

    /** How long output may still flow after the process exits before leftovers are dealt with. */
    private static final Duration DRAIN = Duration.ofMillis(200);
    /**
     * How long before a deadline the tree to kill is looked at: a {@code /proc} pass takes 1-5 ms, and
     * a young JVM's wake-up for it can be a few milliseconds late.
     */
    private static final long LOOK_AHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final CommandLauncher launcher;
    private final Process process;
    private final OutputDrain output;
    private final long startNanos;
    private ProcessTree.Look tree;
    private TaskEnd end;

    CommandRun(CommandLauncher launcher, CommandLauncher.Started started, long startNanos) {
        this.launcher = launcher;
        this.process = started.process();
        this.output = started.output();
        this.startNanos = startNanos;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean awaitEnd(long untilNanos) throws InterruptedException {
        if (end != null) {
            return true;
        }
        try {
            if (untilNanos == Long.MAX_VALUE) {
                process.onExit().get();
            } else {
                process.onExit().get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + process.pid() + " failed", e.getCause());
        }
        if (launcher.ownGroups() && launcher.mayHaveLeftovers(process.pid())) {
            // The task is over: what it left running in its group (a forgotten `cmd &`) goes too.
            // An empty group skips the /proc pass: it costs more than spawning /bin/true.
            ProcessTree.killLeftovers(process.pid(), startNanos, launcher.signals());
        }
        int code = process.exitValue();
        finish(new TaskEnd.Exited(code, KnowsSignal.of(process, code)));
        return true;
    }

    @Override
    public long lookAheadNanos() {
        return LOOK_AHEAD_NANOS;
    }

    @Override
    public void prepareStop() {
        tree = ProcessTree.look(process, launcher.ownGroups());
    }

    @Override
    public void stop(Duration grace) {
        if (end != null) {
            return;
        }
        List<Long> escaped = tree != null
                ? ProcessTree.kill(process, grace, launcher.signals(), launcher.ownGroups(), tree)
                : ProcessTree.kill(process, grace, launcher.signals(), launcher.ownGroups());
        finish(new TaskEnd.Stopped(process.exitValue(), escapedNote(escaped)));
    }

    @Override
    public TaskEnd end() {
        return end;
    }

    private void finish(TaskEnd how) {
        collectOutput();
        LiveProcesses.remove(process);
        end = how;
    }

    /**
     * Lets the readers reach end of file. If a background process the task left behind still holds
     * the pipes, it is killed (a task's processes do not outlive it); if even that does not free them,
     * the output read so far is kept and the streams are given up.
     */
    private void collectOutput() {
        boolean interrupted = Thread.interrupted(); // a stop may have interrupted us; drain all the same
        try {
            if (output.awaitDrained(DRAIN)) {
                return;
            }
            if (launcher.ownGroups()) {
                ProcessTree.killLeftovers(process.pid(), startNanos, launcher.signals());
                if (output.awaitDrained(DRAIN)) {
                    return;
                }
            }
            output.abandon();
        } catch (InterruptedException e) {
            interrupted = true;
            output.abandon();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String escapedNote(List<Long> escaped) {
        return escaped.isEmpty() ? "" : "; processes " + escaped + " survived SIGKILL";
    }
}
