package io.jconcurrent.internal;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.Work;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task as a subprocess: start it in its own session, drain its output, wait for it with the
 * deadline, and on timeout or cancellation stop its whole tree (SIGTERM, grace, SIGKILL).
 */
final class CommandTaskRunner implements TaskRunner {

    /** How long output may still flow after the process exits before leftovers are dealt with. */
    private static final Duration DRAIN = Duration.ofMillis(200);
    /**
     * How long before a deadline the tree to kill is looked at: a {@code /proc} pass takes 1-5 ms, and
     * a young JVM's wake-up for it can be a few milliseconds late.
     */
    private static final long LOOK_AHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final CommandLauncher launcher;
    private final BatchConfig config;
    private final BatchClock clock;
    private final OutputPolicy output;

    CommandTaskRunner(Work.Command command, BatchConfig config, BatchClock clock) {
        this.launcher = new CommandLauncher(command, config.directory(), config.environment());
        this.config = config;
        this.clock = clock;
        this.output = config.output();
        if (config.hasTimeout() && WARMED_UP.compareAndSet(false, true)) {
            // Off the critical path, so that the first deadline is not late by class loading. Once per
            // JVM, and on a platform thread: its pass through /proc takes milliseconds, and on a
            // virtual thread it would hold a carrier that the batch's first spawns are waiting for.
            Thread.ofPlatform().daemon().name("jconcurrent-warm-up").start(() -> {
                ProcessTree.warmUp();
                escapedNote(List.of(1L)).length(); // the result's message code (string concatenation) too
                seconds(config.timeout());
            });
        }
    }

    @Override
    public ProcResult run(Task task, long readyNanos, TaskHandle handle) {
        ResultBuilder rb = new ResultBuilder(task, readyNanos, clock);
        CommandLauncher.Resolution program = launcher.program();
        if (program.failure() != null) {
            rb.neverRan();
            rb.returnCode = program.failureCode();
            return rb.failed(program.failure(), null).build();
        }
        OutputCapture.Sinks sinks;
        try {
            sinks = OutputCapture.open(output, task.key());
        } catch (IOException e) {
            rb.neverRan();
            return rb.failed("cannot open output file: " + e, e).build();
        }
        CommandLauncher.Started started;
        LiveProcesses.beforeStart();
        rb.started();
        try {
            started = launcher.start(task.arg(), sinks);
        } catch (IOException e) {
            sinks.closeFiles();
            rb.neverRan();
            rb.returnCode = 126;
            return rb.failed("cannot start " + program.path() + ": " + e.getMessage(), e).build();
        }
        Process process = started.process();
        handle.runsIn(process.pid());
        Duration limit = config.limitFor(task);
        LiveProcesses.add(process);
        try {
            TaskOutput capture = started.output();
            boolean interrupted = false;
            try {
                Map<Long, ProcessHandle> tree = awaitExitOrDeadline(process, rb.startNanos, limit);
                if (tree != null) {
                    List<Long> escaped = ProcessTree.kill(process, config.killGrace(), launcher.signals(),
                            CommandLauncher.usesOwnGroup(), tree);
                    rb.stopped(Status.TIMED_OUT, StopReason.TIMEOUT,
                            "timed out after " + seconds(limit) + escapedNote(escaped));
                }
            } catch (InterruptedException e) {
                interrupted = true;
                List<Long> escaped = ProcessTree.kill(process, config.killGrace(), launcher.signals(),
                        CommandLauncher.usesOwnGroup());
                rb.stoppedByBatch(handle.stopReason(), escapedNote(escaped));
            }
            rb.ended();
            if (rb.stopReason == StopReason.NONE && CommandLauncher.usesOwnGroup()
                    && launcher.mayHaveLeftovers(process.pid())) {
                // The task is over: what it left running in its group (a forgotten `cmd &`) goes too.
                // An empty group skips the /proc pass: it costs more than spawning /bin/true.
                ProcessTree.killLeftovers(process.pid(), launcher.signals());
            }
            collectOutput(process, capture, interrupted);
            rb.returnCode = process.exitValue();
            rb.stdout = capture.stdout();
            rb.stderr = capture.stderr();
            rb.stdoutTruncated = capture.stdoutTruncated();
            rb.stderrTruncated = capture.stderrTruncated();
            rb.stdoutBytes = capture.stdoutBytes();
            rb.stderrBytes = capture.stderrBytes();
            if (rb.stopReason == StopReason.NONE) {
                if (rb.returnCode == 0) {
                    rb.status = Status.SUCCEEDED;
                } else {
                    rb.failed(exitDescription(rb.returnCode), null);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return rb.build();
        } finally {
            LiveProcesses.remove(process);
        }
    }

    /**
     * Waits for the process: null if it ended, else (the deadline passed) its tree to kill. The tree
     * is looked at a few milliseconds before the deadline, so that the kill starts at the deadline
     * instead of after a {@code /proc} pass.
     */
    private static Map<Long, ProcessHandle> awaitExitOrDeadline(Process process, long startNanos, Duration limit)
            throws InterruptedException {
        if (limit.isZero()) {
            awaitExit(process, Long.MAX_VALUE);
            return null;
        }
        long deadline = startNanos + limit.toNanos();
        Map<Long, ProcessHandle> tree = null;
        if (limit.toNanos() > 4 * LOOK_AHEAD_NANOS && !awaitExit(process, deadline - LOOK_AHEAD_NANOS)) {
            tree = ProcessTree.look(process, CommandLauncher.usesOwnGroup());
        }
        if (awaitExit(process, deadline)) {
            return null;
        }
        return tree != null ? tree : ProcessTree.look(process, CommandLauncher.usesOwnGroup());
    }

    /** Waits for the process until {@code untilNanos} (System.nanoTime); false if it is still running. */
    private static boolean awaitExit(Process process, long untilNanos) throws InterruptedException {
        try {
            if (untilNanos == Long.MAX_VALUE) {
                process.onExit().get();
            } else {
                process.onExit().get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + process.pid() + " failed", e.getCause());
        }
    }

    /**
     * Lets the readers reach end of file. If a background process the task left behind still holds
     * the pipes, it is killed (a task's processes do not outlive it); if even that does not free them,
     * the output read so far is kept and the streams are given up.
     */
    private void collectOutput(Process process, TaskOutput capture, boolean interrupted) {
        try {
            if (capture.awaitDrained(DRAIN)) {
                return;
            }
            if (CommandLauncher.usesOwnGroup()) {
                ProcessTree.killLeftovers(process.pid(), launcher.signals());
                if (capture.awaitDrained(DRAIN)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        capture.abandon();
    }

    private static String exitDescription(int code) {
        if (code > 128 && code < 128 + 65) {
            return "killed by signal " + (code - 128) + " (exit code " + code + ")";
        }
        return "exit code " + code;
    }

    private static String escapedNote(List<Long> escaped) {
        return escaped.isEmpty() ? "" : "; processes " + escaped + " survived SIGKILL";
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }
}
