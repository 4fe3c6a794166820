package io.jconcurrent.internal.batch;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.internal.process.CommandLauncher;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What both public runners share: one batch run at a time, its results, and the seed's report. The
 * public classes add only their calling style (a future, or a blocking call).
 */
public final class RunnerCore {

    private final BatchConfig config;
    private volatile Batch batch;
    private volatile CompletableFuture<List<ProcResult>> internal;
    private volatile Instant timeStart;
    private volatile long startNanos;
    private volatile Duration timeRun = Duration.ZERO;
    private volatile List<ProcResult> results = List.of();

    /** See {@code RunnerBuilder.prepareForCommands()}. */
    public static void prepareForCommands() {
        CommandLauncher.prepare();
    }

    public RunnerCore(BatchConfig config) {
        this.config = config;
        if (config.work() instanceof io.jconcurrent.Work.Command) {
            // The first command of a fresh JVM would otherwise bind the C library's spawn functions
            // inside its own run time (0.1 s on a quiet machine, seconds under load); meanwhile tasks
            // start through the JDK's launcher.
            CommandLauncher.prepare();
        }
    }

    public BatchConfig config() {
        return config;
    }

    /**
     * Starts the batch. The returned future completes with all results in input order; cancelling it
     * cancels the batch (running process trees are killed, every task still gets a result in
     * {@link #results()}).
     *
     * @throws IllegalStateException if this runner has already been started
     */
    public synchronized CompletableFuture<List<ProcResult>> start() {
        if (batch != null) {
            throw new IllegalStateException("runAll() was already called on this runner; build a new one");
        }
        BatchClock clock = new BatchClock();
        timeStart = clock.start();
        startNanos = clock.startNanos();
        Placement.Launcher launcher = config.placement().open(new Placement.Batch(config.work(), config.workers(),
                config.directory(), config.environment() == null ? Map.of() : config.environment(),
                config.workerJvmOptions(), config.output()));
        Batch b = new Batch(config, new TaskDriver(config, launcher, clock), clock);
        batch = b;
        CompletableFuture<List<ProcResult>> internal = b.start();
        this.internal = internal;
        CompletableFuture<List<ProcResult>> external = new CompletableFuture<>();
        internal.whenComplete((list, error) -> {
            timeRun = Duration.ofNanos(System.nanoTime() - startNanos);
            results = list != null ? list : b.resultsSoFar();
            if (error != null) {
                external.completeExceptionally(error);
            } else {
                external.complete(list);
            }
        });
        external.whenComplete((list, error) -> {
            if (external.isCancelled()) {
                b.cancel();
            }
        });
        return external;
    }

    /** Cancels a started batch and waits, uninterruptibly, until every task has its result. */
    public void cancelAndWait() {
        Batch b = batch;
        if (b == null) {
            return;
        }
        b.cancel();
        internal.handle((list, error) -> null).join();
    }

    /** Cancels the batch, if started. */
    public void cancel() {
        Batch b = batch;
        if (b != null) {
            b.cancel();
        }
    }

    /** All results once the batch is over; before that, those finished so far. */
    public List<ProcResult> results() {
        Batch b = batch;
        List<ProcResult> r = results;
        return r.isEmpty() && b != null ? b.resultsSoFar() : r;
    }

    public Instant timeStart() {
        return timeStart;
    }

    public Duration timeRun() {
        return timeRun;
    }

    public void printResults(PrintStream out) {
        Report.print(out, timeStart, timeRun, results());
    }
}
