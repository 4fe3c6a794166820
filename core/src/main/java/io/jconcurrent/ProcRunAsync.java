package io.jconcurrent;

import io.jconcurrent.internal.batch.RunnerCore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a batch of tasks concurrently without blocking the caller (the seed's {@code ProcRunAsyncio}):
 * {@link #runAll()} returns at once with a future of the results. Each task runs on a virtual thread;
 * commands run as subprocesses, functions in this JVM, and {@link AsyncTaskFunction}s are awaited
 * without holding a thread.
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="async-seed"}
 *
 * <p>Concurrency: at most {@code workers} tasks run at once (0 = no limit); a task is taken from the
 * list only once a worker is free. Timeout: counted from each task's own start; an overrunning
 * command's whole process tree is stopped, an overrunning function is interrupted (its result arrives
 * at the deadline regardless). Cancelling the returned future stops every running task and kills
 * its processes; {@link #results()} then holds a result for every task, cancelled ones marked so.
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="cancel"}
 *
 * <p>Threads: tasks run on the runner's virtual threads, never on the caller's; the future completes
 * on one of them, so dependent actions that block should be given an executor of their own
 * ({@code thenApplyAsync(fn, executor)}). Nothing here blocks but {@code join()}.
 *
 * <p>A runner runs its batch once. Thread-safety: {@link #runAll()} once, from any thread;
 * {@link #results()}, {@link #printResults()} and the future from any thread.
 */
public final class ProcRunAsync {

    private final RunnerCore core;

    private ProcRunAsync(io.jconcurrent.internal.batch.BatchConfig config) {
        this.core = new RunnerCore(config);
    }

    /**
     * The seed's constructor: {@code pargs} is the program or function followed by fixed args.
     *
     * @param pargs      program (String or Path) or function ({@link TaskFunction} or
     *                   {@link AsyncTaskFunction}), then fixed args
     * @param tasks      the tasks; keys must be non-null and unique
     * @param numWorkers the most tasks running at once; 0 = unlimited
     * @param timeout    per-task limit; zero = none
     * @param verbose    print a line as each task starts
     * @throws IllegalArgumentException for a bad value, naming it
     */
    public ProcRunAsync(List<?> pargs, List<Task> tasks, int numWorkers, Duration timeout, boolean verbose) {
        this(configure(builder(), pargs, tasks, numWorkers, timeout, verbose));
    }

    /**
     * As the five-argument constructor, not verbose.
     *
     * @param pargs      program or function, then fixed args
     * @param tasks      the tasks; keys must be non-null and unique
     * @param numWorkers the most tasks running at once; 0 = unlimited
     * @param timeout    per-task limit; zero = none
     */
    public ProcRunAsync(List<?> pargs, List<Task> tasks, int numWorkers, Duration timeout) {
        this(pargs, tasks, numWorkers, timeout, false);
    }

    /**
     * As the five-argument constructor, with 4 workers and no timeout (the seed's defaults).
     *
     * @param pargs program or function, then fixed args
     * @param tasks the tasks; keys must be non-null and unique
     */
    public ProcRunAsync(List<?> pargs, List<Task> tasks) {
        this(pargs, tasks, 4, Duration.ZERO, false);
    }

    static io.jconcurrent.internal.batch.BatchConfig configure(RunnerBuilder<?> b, List<?> pargs, List<Task> tasks,
            int numWorkers, Duration timeout, boolean verbose) {
        return b.pargs(pargs).tasks(tasks).workers(numWorkers).timeout(timeout).verbose(verbose).config();
    }

    /** {@return a builder for every option, each validated as it is set}  */
    public static RunnerBuilder<ProcRunAsync> builder() {
        return new RunnerBuilder<>(ProcRunAsync::new, Placement.IN_PROCESS);
    }

    /**
     * Starts the batch and returns at once. The future completes with one result per task, in input
     * order; it completes exceptionally only if a lazy task source itself throws. Cancelling it cancels
     * the batch.
     *
     * @return the future of every task's result
     * @throws IllegalStateException if called twice
     */
    public CompletableFuture<List<ProcResult>> runAll() {
        return core.start();
    }

    /**
     * {@return the results: all of them once the batch is over, in input order; before that, those done
     * so far} Safe to call from any thread, at any time; an empty list before {@code runAll}.
     */
    public List<ProcResult> results() {
        return core.results();
    }

    /** Prints the seed's report of every result to {@code System.out}. */
    public void printResults() {
        core.printResults(System.out);
    }

    /**
     * Prints the seed's report of every result to {@code out}.
     *
     * @param out where the report goes
     */
    public void printResults(PrintStream out) {
        core.printResults(out);
    }

    /** {@return jconcurrent's version line, for example {@code "jconcurrent: version 0.1.0 (2026-11-25)"}} */
    public static String version() {
        return Version.line();
    }
}
