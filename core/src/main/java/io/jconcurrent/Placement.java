package io.jconcurrent;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a batch's tasks run, and the service-provider interface for running them elsewhere.
 *
 * <p>Two placements are built in. {@link #IN_PROCESS}: commands run as subprocesses of this JVM,
 * functions on virtual threads of this JVM. {@link #WORKER_JVM}: commands as subprocesses, functions in
 * a pool of child JVMs. Another module (a cluster, for example) implements this interface and is given
 * to {@link RunnerBuilder#placement(Placement)}:
 *
 * <pre>{@code
 * ProcRunMp.builder().command("/bin/sh", "-c", "...").tasks(tasks).placement(myCluster).build().runAll();
 * }</pre>
 *
 * <p>How the engine uses a placement: {@link #open} once per batch; then, for each attempt of each
 * task, on that task's own (virtual) thread, {@link Launcher#start} and the returned
 * {@link RunningTask}'s methods (at most {@code workers} tasks at once); {@link Launcher#close} once after the batch's last task. The engine
 * alone decides deadlines, stops, retries and results: a placement starts a task, writes what it
 * prints to the streams it is given, and reports how it ended as a {@link TaskEnd}.
 *
 * <p>Implementations must be safe for use by concurrent batches; the built-in ones are stateless.
 */
public interface Placement {

    /** Commands as subprocesses of this JVM, functions on virtual threads of this JVM. */
    Placement IN_PROCESS = LocalPlacement.IN_PROCESS;

    /**
     * Commands as subprocesses of this JVM, functions in a pool of child JVMs (at most the batch's
     * {@code workers}, or twice the processors when that is unlimited), so that a timeout or a stop
     * can end any function for sure.
     */
    Placement WORKER_JVM = LocalPlacement.WORKER_JVM;

    /**
     * Opens this placement for one batch, before its first task, on the thread that starts the batch.
     *
     * @param batch what the batch runs and how
     * @return the batch's launcher
     * @throws IllegalArgumentException if this placement cannot run {@code batch.work()} (the message
     *                                  says why); the batch then fails before any task runs
     */
    Launcher open(Batch batch);

    /**
     * What a batch gives its placement.
     *
     * @param work             what every task does
     * @param workers          the most tasks running at once; 0 = unlimited
     * @param directory        working directory for commands; null = the caller's
     * @param environment      extra environment variables for commands; empty for none
     * @param workerJvmOptions JVM options for worker JVMs
     * @param output           the batch's output policy, which the engine applies to what a task writes
     *                         to its streams; a placement that captures output elsewhere (a remote
     *                         member) keeps at most what the policy would keep
     */
    record Batch(Work work, int workers, Path directory, Map<String, String> environment,
                 List<String> workerJvmOptions, OutputPolicy output) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code work}, {@code environment}, {@code workerJvmOptions} or
         *                              {@code output} is null
         */
        public Batch {
            Objects.requireNonNull(work, "work");
            environment = Map.copyOf(environment);
            workerJvmOptions = List.copyOf(workerJvmOptions);
            Objects.requireNonNull(output, "output");
        }

        /**
         * A batch with the default output policy ({@link OutputPolicy#defaults()}).
         *
         * @param work             what every task does
         * @param workers          the most tasks running at once; 0 = unlimited
         * @param directory        working directory for commands; null = the caller's
         * @param environment      extra environment variables for commands; empty for none
         * @param workerJvmOptions JVM options for worker JVMs
         */
        public Batch(Work work, int workers, Path directory, Map<String, String> environment,
                     List<String> workerJvmOptions) {
            this(work, workers, directory, environment, workerJvmOptions, OutputPolicy.defaults());
        }
    }

    /**
     * One batch's use of a placement: starts its tasks.
     *
     * <p>Thread-safety: {@link #start} is called concurrently, from the tasks' own threads.
     */
    interface Launcher extends AutoCloseable {

        /**
         * Starts one attempt of one task, or hands it to where it will run, and returns its handle
         * promptly: a wait for a free worker or a remote member belongs in
         * {@link RunningTask#awaitStart()}, where a stop of the batch can reach it. A task that cannot
         * start gets a handle that has ended with {@link TaskEnd.NotStarted}; this method throws only
         * for a defect of the placement (which fails that task with the exception).
         *
         * @param launch the task and where its output goes
         * @return the task's handle
         */
        RunningTask start(Launch launch);

        /**
         * How many tasks may be under way per worker the batch allows: more than 1 where a worker takes
         * tasks queued behind the one it runs (worker JVMs; a remote member's window), so that the batch
         * keeps that many more tasks started. Each still counts its timeout from its own start. Default 1.
         *
         * @return tasks per worker, at least 1
         */
        default int tasksPerWorker() {
            return 1;
        }

        /**
         * Whether this launcher's tasks print anything the engine should keep: false where they cannot
         * (functions in this JVM), which spares each task its output buffers. Asked once, as the batch starts.
         * Default true.
         *
         * @return whether tasks' output is captured
         */
        default boolean capturesOutput() {
            return true;
        }

        /** Releases what the batch held (worker JVMs, connections), after its last task. */
        @Override
        void close();
    }

    /**
     * One attempt of one task, as the engine asks a launcher to start it.
     *
     * @param task      the task
     * @param attempt   1 for the first attempt, 2 for the first retry, ...
     * @param timeout   the task's time limit, counted from its start (zero = none): the engine stops
     *                  the task at that deadline itself; a placement may also pass it on (a remote
     *                  member that enforces it locally stops the task's tree where it runs)
     * @param killGrace how long a stopped command gets between SIGTERM and SIGKILL
     * @param stdout    where the task's standard output goes, as it is produced
     * @param stderr    where its standard error goes
     */
    record Launch(Task task, int attempt, Duration timeout, Duration killGrace, OutputStream stdout,
                  OutputStream stderr) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if any component is null
         */
        public Launch {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(killGrace, "killGrace");
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }
}
