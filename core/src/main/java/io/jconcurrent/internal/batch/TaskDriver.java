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
import java.io.OutputStream;
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
    private final Duration killGrace;
    /** Where a task goes whose placement captures nothing (functions in this JVM). */
    private static final OutputStream NOWHERE = OutputStream.nullOutputStream();
    private static final java.util.concurrent.atomic.AtomicBoolean WARMED_UP =
            new java.util.concurrent.atomic.AtomicBoolean();

    TaskDriver(BatchConfig config, Placement.Launcher launcher, BatchClock clock) {
        this.config = config;
        this.launcher = launcher;
        this.clock = clock;
        this.limits = new TaskLimits(config.timeout());
        this.events = new FlightEvents(config.work(), config.placement(), config.workers(), config.timeout());
        this.capturesOutput = launcher.capturesOutput();
        this.verbose = config.verbose();
        this.killGrace = config.killGrace();
        if (limits.any() && WARMED_UP.compareAndSet(false, true)) {
            // Once per JVM, on a platform thread, off the path from a deadline to its result.
            Thread.ofPlatform().daemon().name("jconcurrent-warm-up-results").start(Results::warmUp);
        }
    }

    /**
     * Runs {@code task}; an interrupt of the calling thread means {@code handle} was asked to stop it.
     *
     * @param readyNanos when the task got its worker loop ({@link System#nanoTime()}): its wait for a
     *                   worker, recorded in its result, ended then
     */
    ProcResult run(Task task, long readyNanos, TaskHandle handle) {
        long waitedBefore = readyNanos - clock.startNanos();
        for (int attempt = 1; ; attempt++) {
            handle.runsIn(-1); // until the attempt has a process
            TaskEvent event = events.taskStarting();
            ProcResult result = attempt(task, attempt, readyNanos, waitedBefore, handle);
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
            readyNanos = System.nanoTime();
            waitedBefore = 0; // a retry waits for no worker: it runs on the same one at once
        }
    }

    /**
     * One run of {@code task}, with its output sinks open if its placement captures output.
     *
     * @param readyNanos   when it was ready to be handed to its placement
     * @param waitedBefore how long it waited for a worker loop before that (queue wait)
     */
    private ProcResult attempt(Task task, int attempt, long readyNanos, long waitedBefore, TaskHandle handle) {
        if (!capturesOutput) {
            return launchAndAwait(task, attempt, readyNanos, waitedBefore, handle, null);
        }
        OutputCapture.Sinks sinks;
        try {
            sinks = OutputCapture.open(config.output(), task.key());
        } catch (IOException e) {
            return Results.notStarted(task, clock, System.nanoTime(), Status.FAILED, StopReason.NONE,
                    "cannot open output file: " + e, e);
        }
        try {
            return launchAndAwait(task, attempt, readyNanos, waitedBefore, handle, sinks);
        } finally {
            sinks.closeFiles();
        }
    }

    /**
     * Hands the task to its placement, awaits its end (or stops it) and makes its result. Kept apart
     * from the sinks, which a function in this JVM never has, so that this per-task path stays small
     * enough for the JIT to compile early and inline whole in a fresh JVM's first batch.
     *
     * @param sinks where its output goes, or null if its placement captures none
     */
    private ProcResult launchAndAwait(Task task, int attempt, long readyNanos, long waitedBefore, TaskHandle handle,
            OutputCapture.Sinks sinks) {
        Duration limit = limits.limitFor(task);
        if (verbose != null) {
            announce(task, limit);
        }
        RunningTask running = launcher.start(new Placement.Launch(task, attempt, limit, killGrace,
                sinks == null ? NOWHERE : sinks.stream(true), sinks == null ? NOWHERE : sinks.stream(false)));
        Results.Stop stop;
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
        Results.Printed printed = sinks == null ? Results.Printed.NOTHING : printed(sinks);
        long queueWait = waitedBefore + Math.max(0, startNanos - readyNanos);
        return Results.of(task, attempt, clock, queueWait, startNanos, endNanos, end, stop, printed);
    }

    /** The verbose line of a task that starts now. */
    private void announce(Task task, Duration limit) {
        verbose.println("task " + task.key() + " " + task.arg() + " " + limit.toMillis() / 1000.0);
    }

    /** What an ended task printed; its streams are complete, so its files are closed first. */
    private static Results.Printed printed(OutputCapture.Sinks sinks) {
        sinks.closeFiles();
        return new Results.Printed(sinks.text(true), sinks.text(false), sinks.truncated(true), sinks.truncated(false),
                sinks.bytes(true), sinks.bytes(false));
    }

    /**
     * Waits for the task's start and end; stops it at its deadline, or when the batch stops it.
     *
     * @return why it was stopped, or null if it ended by itself
     */
    private Results.Stop awaitOrStop(RunningTask running, Duration limit, TaskHandle handle) {
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
            return Results.Stop.timeout(limit);
        } catch (InterruptedException e) {
            interrupted = true;
            running.stop(killGrace);
            return Results.Stop.byBatch(handle.stopReason());
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
}
