package io.jconcurrent;

import io.jconcurrent.internal.batch.BatchConfig;
import io.jconcurrent.internal.batch.RunnerCore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Runs a batch of tasks in parallel and blocks until all are done (the seed's {@code ProcRunMp}):
 * same calling convention as {@link ProcRunAsync}, but {@link #runAll()} returns the results.
 *
 * {@snippet :
 * ProcRunMp run = new ProcRunMp(List.of("/usr/bin/sleep"),
 *         Task.pairs(1, 1, 2, 7, 3, 2, 4, 2, 5, 1), 4, Duration.ofSeconds(30));
 * run.runAll();
 * run.printResults();
 * }
 * (the README's second example; {@code ReadmeExamplesTest} runs it)
 *
 * <p>Function tasks run in a pool of worker JVMs by default ({@link Placement#WORKER_JVM}), as the
 * seed's multiprocessing does: at most {@code numWorkers} child JVMs with this JVM's class path, reused
 * across tasks. A timeout or a stop kills the worker's whole process tree, so even a busy loop that
 * ignores interrupts ends at its deadline; a worker that dies (System.exit, Runtime.halt,
 * OutOfMemoryError, a signal) fails only its own task, and a fresh worker takes its place. The function,
 * its fixed args, each task's key and arg, and the answer must be serializable; the constructor checks
 * the function and fixed args. What the function prints is captured into its result. An
 * {@link AsyncTaskFunction} is rejected here; use {@link ProcRunAsync}, or the builder with
 * {@link Placement#IN_PROCESS}.
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="worker-timeout"}
 *
 * <p>Interrupting the thread in {@code runAll} cancels the batch: every running process tree is killed,
 * each task gets a result, and then {@link InterruptedException} is thrown, with the thread's interrupt
 * status cleared as usual:
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="interrupt"}
 *
 * <p>Threads: tasks run on the runner's virtual threads; the caller's thread only waits. A runner runs
 * its batch once. Thread-safety: {@link #runAll()} once, from any thread; {@link #results()} and
 * {@link #printResults()} from any thread, also while {@code runAll} blocks another.
 */
public final class ProcRunMp {

    private final RunnerCore core;

    private ProcRunMp(BatchConfig config) {
        this.core = new RunnerCore(config);
    }

    /**
     * The seed's constructor; see {@link ProcRunAsync#ProcRunAsync(List, List, int, Duration, boolean)}.
     *
     * @param pargs      program (String or Path) or function ({@link TaskFunction}), then fixed args
     * @param tasks      the tasks; keys must be non-null and unique
     * @param numWorkers the most tasks running at once, and the most worker JVMs; 0 = unlimited
     * @param timeout    per-task limit; zero = none
     * @param verbose    print a line as each task starts
     * @throws IllegalArgumentException for a bad value, naming it
     */
    public ProcRunMp(List<?> pargs, List<Task> tasks, int numWorkers, Duration timeout, boolean verbose) {
        this(ProcRunAsync.configure(builder(), pargs, tasks, numWorkers, timeout, verbose));
    }

    /**
     * As the five-argument constructor, not verbose.
     *
     * @param pargs      program or function, then fixed args
     * @param tasks      the tasks; keys must be non-null and unique
     * @param numWorkers the most tasks running at once; 0 = unlimited
     * @param timeout    per-task limit; zero = none
     */
    public ProcRunMp(List<?> pargs, List<Task> tasks, int numWorkers, Duration timeout) {
        this(pargs, tasks, numWorkers, timeout, false);
    }

    /**
     * As the five-argument constructor, with 4 workers and no timeout (the seed's defaults).
     *
     * @param pargs program or function, then fixed args
     * @param tasks the tasks; keys must be non-null and unique
     */
    public ProcRunMp(List<?> pargs, List<Task> tasks) {
        this(pargs, tasks, 4, Duration.ZERO, false);
    }

    /** {@return a builder for every option, each validated as it is set}  */
    public static RunnerBuilder<ProcRunMp> builder() {
        return new RunnerBuilder<>(ProcRunMp::new, Placement.WORKER_JVM);
    }

    /**
     * Runs the batch and returns one result per task, in input order.
     *
     * @return every task's result, in input order
     * @throws InterruptedException  if interrupted; the batch is cancelled and its processes killed first
     * @throws IllegalStateException if called twice, or if a lazy task source throws
     */
    public List<ProcResult> runAll() throws InterruptedException {
        var future = core.start();
        try {
            return future.get();
        } catch (InterruptedException e) {
            core.cancelAndWait();
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
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
