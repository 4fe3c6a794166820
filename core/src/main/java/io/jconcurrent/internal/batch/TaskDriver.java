package io.jconcurrent.internal.batch;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ResultListener;
import io.jconcurrent.RunningTask;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.internal.events.FlightEvents;
import io.jconcurrent.internal.events.TaskEvent;
import io.jconcurrent.internal.process.OutputCapture;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Runs one task to its result, whatever its kind and placement: the one owner of a task's deadline,
 * its look-ahead, its stop and its result. It opens the task's output sinks, asks the batch's
 * {@link Placement.Launcher} to start it, waits for its end until the deadline, stops it on timeout or
 * when the batch stops it, and turns what happened into a {@link ProcResult} with {@link Results}.
 *
 * <p>One driver serves a whole batch; {@link #run} is called concurrently, each call on its task's own
 * (virtual) thread.
 */
final class TaskDriver {

    private final BatchConfig config;
    private final Placement.Launcher launcher;
    private final BatchClock clock;
    private final TaskLimits limits;
    /** The batch's Flight Recorder events: one per attempt here, the batch's in {@link Batch}. */
    private final FlightEvents events;
    /** Read once: {@link #launchAndAwait} runs for every task. */
    private final boolean capturesOutput;
    private final PrintStream verbose;
    /** The launcher, if it runs tasks on the driver's thread ({@link CallsInline}), else null. */
    private final CallsInline inline;
    private final Duration killGrace;

    TaskDriver(BatchConfig config, Placement.Launcher launcher, BatchClock clock) {
        this.config = config;
        this.launcher = launcher;
        this.clock = clock;
        this.limits = new TaskLimits(config.timeout());
        this.events = new FlightEvents(config.work(), config.placement(), config.workers(), config.timeout());
        this.capturesOutput = launcher.capturesOutput();
        this.inline = !capturesOutput && launcher instanceof CallsInline c && c.callsInline() ? c : null;
        this.verbose = config.verbose();
        this.killGrace = config.killGrace();
        if (limits.any()) {
            KillPathWarmUp.once();
        }
    }

    /**
     * Runs {@code task}; an interrupt of the calling thread means {@code handle} was asked to stop it.
     * Its queue wait, recorded in its result, runs from the batch's start to the task's start.
     */
    ProcResult run(Task task, TaskHandle handle) {
        long readyNanos = clock.startNanos();
        for (int attempt = 1; ; attempt++) {
            handle.runsIn(-1); // until the attempt has a process
            TaskEvent event = events.taskStarting();
            ProcResult result = attempt(task, attempt, readyNanos, handle);
            events.taskEnded(event, result, handle.takePid());
            limits.ended(result);
            if (!config.retry().retries(result, attempt) || handle.stopRequested()) {
                return result;
            }
            ResultListener hook = config.retry().onEachAttempt();
            if (hook != null) {
                try {
                    hook.onResult(result);
                } catch (RuntimeException e) {
                    EngineLog.warn("the retry's attempt listener failed for task " + task.key() + ": " + e, e);
                }
            }
            readyNanos = System.nanoTime(); // a retry waits for no worker: it runs on the same one at once
        }
    }

    /**
     * One run of {@code task}, with its output sinks open if its placement captures output.
     *
     * @param readyNanos when it could start: its queue wait runs from then to its start
     */
    private ProcResult attempt(Task task, int attempt, long readyNanos, TaskHandle handle) {
        if (inline != null) {
            Duration limit = limits.limitFor(task);
            if (limit.isZero()) {
                if (verbose != null) {
                    announce(task, limit);
                }
                return callInline(task, attempt, readyNanos, handle);
            }
        }
        if (!capturesOutput) {
            return launchAndAwait(task, attempt, readyNanos, handle, AttemptOutput.NONE);
        }
        OutputCapture.Sinks sinks;
        try {
            sinks = OutputCapture.open(config.output(), task.key());
        } catch (IOException e) {
            return Results.notStarted(task, clock, System.nanoTime(), Status.FAILED, StopReason.NONE,
                    "cannot open output file: " + e, e);
        }
        try {
            return launchAndAwait(task, attempt, readyNanos, handle, AttemptOutput.of(sinks));
        } finally {
            sinks.closeFiles();
        }
    }

    /**
     * Hands the task to its placement, awaits its end (or stops it) and makes its result. Kept apart
     * from opening the sinks, and with only types every batch loads in its signature and in that of
     * {@link #awaitOrStop}, so that this per-task path is small enough for the JIT to compile early and
     * inline whole in a fresh JVM's first batch (the JIT inlines no method whose signature names a class
     * not loaded yet).
     */
    private ProcResult launchAndAwait(Task task, int attempt, long readyNanos, TaskHandle handle,
            AttemptOutput output) {
        Duration limit = limits.limitFor(task);
        if (verbose != null) {
            announce(task, limit);
        }
        RunningTask running = launcher.start(new Placement.Launch(task, attempt, limit, killGrace,
                output.stream(true), output.stream(false)));
        StopReason stop;
        long startNanos;
        boolean watched = !(running instanceof InterruptibleWaits);
        if (watched) {
            handle.watch(running);
        }
        try {
            stop = awaitOrStop(running, limit, handle);
            startNanos = running.startNanos();
            handle.runsIn(running.pid());
        } finally {
            if (watched) {
                handle.watch(null);
            }
        }
        long endNanos = System.nanoTime();
        TaskEnd end = running.end();
        long queueWait = Math.max(0, startNanos - readyNanos);
        return Results.of(task, attempt, clock, queueWait, startNanos, endNanos, end, stop, limit, output.printed());
    }

    /**
     * Runs a task without a time limit on this thread, through a launcher that can ({@link CallsInline}):
     * no deadline, no handle, the same result. A stop of the batch interrupts this thread.
     */
    private ProcResult callInline(Task task, int attempt, long readyNanos, TaskHandle handle) {
        long startNanos = System.nanoTime();
        TaskEnd end;
        StopReason stop = null;
        try {
            end = inline.callInline(task.key(), task.arg());
        } catch (InterruptedException e) {
            end = new TaskEnd.Stopped(-1, "");
            stop = handle.stopReason();
            Thread.currentThread().interrupt();
        }
        long endNanos = System.nanoTime();
        return Results.of(task, attempt, clock, Math.max(0, startNanos - readyNanos), startNanos, endNanos, end, stop,
                Duration.ZERO, Results.Printed.NOTHING);
    }

    /** The verbose line of a task that starts now. */
    private void announce(Task task, Duration limit) {
        verbose.println("task " + task.key() + " " + task.arg() + " " + limit.toMillis() / 1000.0);
    }

    /**
     * Waits for the task's start and end; stops it at its deadline, or when the batch stops it.
     *
     * @return why it was stopped ({@link StopReason#TIMEOUT}, or the batch's reason), or null if it ended
     *         by itself
     */
    private StopReason awaitOrStop(RunningTask running, Duration limit, TaskHandle handle) {
        boolean interrupted = false;
        try {
            running.awaitStart();
            if (limit.isZero()) {
                running.awaitEnd(Long.MAX_VALUE);
                return null;
            }
            long deadline = running.startNanos() + limit.toNanos();
            long lead = running.lookAheadNanos();
            // A task looked at ahead of its deadline is stopped at the deadline without a look first.
            if (lead > 0 && limit.toNanos() > 4 * lead && !running.awaitEnd(deadline - lead)) {
                running.prepareStop();
            }
            if (running.awaitEnd(deadline)) {
                return null;
            }
            running.stop(killGrace);
            return StopReason.TIMEOUT;
        } catch (InterruptedException e) {
            interrupted = true;
            running.stop(killGrace);
            return handle.stopReason();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The batch's Flight Recorder events. */
    FlightEvents events() {
        return events;
    }

    /** How many tasks the placement takes per worker the batch allows (see {@code Launcher.tasksPerWorker}). */
    int tasksPerWorker() {
        return Math.max(1, launcher.tasksPerWorker());
    }

    /** Releases what the placement holds for the batch. */
    void close() {
        launcher.close();
    }

    /**
     * Warms up the path from a deadline to its result once per JVM, on a platform thread: the class's
     * initialisation runs once, and a batch without time limits never loads it (nor an atomic flag's
     * classes, which a fresh JVM reads from the runtime image).
     */
    private static final class KillPathWarmUp {
        static {
            Thread.ofPlatform().daemon().name("jconcurrent-warm-up-results").start(Results::warmUp);
        }

        static void once() {
            // the work is in the class's initialisation
        }
    }
}
