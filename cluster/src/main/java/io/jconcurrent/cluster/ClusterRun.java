package io.jconcurrent.cluster;

import io.jconcurrent.Halt;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.ResultListener;
import io.jconcurrent.RunnerBuilder;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import io.jconcurrent.Work;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A convenience over the core runners for one batch on a cluster: {@link ProcRunMp#builder()} with a
 * {@link ClusterPlacement}, plus a listener that is told which member ran each task and the delivery
 * statistics. Everything it does, the core builder with {@code placement(ClusterPlacement.of(cluster))}
 * does too (retries, halts and per-task timeouts as well); use that for what this builder does not set.
 *
 * <pre>{@code
 * List<ProcResult> results = ClusterRun.builder(Cluster.of("127.0.0.1:5701"))
 *     .command("gzip", "-k")
 *     .tasks(Task.pairs(1, "a.log", 2, "b.log"))
 *     .timeout(Duration.ofMinutes(5))
 *     .build()
 *     .runAll();
 * }</pre>
 *
 * <p>A runner runs its batch once. Thread-safety: {@link #cancel()}, {@link #results()} and
 * {@link #stats()} may be called from any thread while {@link #runAll()} runs.
 */
public final class ClusterRun {

    private final ClusterPlacement placement;
    private final ProcRunMp runner;
    private final Object state = new Object();
    private Thread running;
    private boolean started;
    private boolean cancelled;

    private ClusterRun(ClusterPlacement placement, ProcRunMp runner) {
        this.placement = placement;
        this.runner = runner;
    }

    /** A builder for a batch on {@code cluster}. */
    public static Builder builder(Cluster cluster) {
        return new Builder(Objects.requireNonNull(cluster, "cluster"));
    }

    /**
     * Connects to the cluster, runs the batch and returns one result per task, in input order. Before any
     * task starts, every member is challenged for the secret and asked to open the batch.
     *
     * @throws IllegalArgumentException if a member cannot run the batch (for example the function class is
     *                                  missing there; the message names class and member)
     * @throws IllegalStateException    if no member can be reached, none holds the secret, the task source
     *                                  throws, or {@code runAll} was already called
     * @throws InterruptedException     if interrupted; the batch is cancelled everywhere first
     */
    public List<ProcResult> runAll() throws InterruptedException {
        synchronized (state) {
            if (started) {
                throw new IllegalStateException("runAll() was already called on this runner; build a new one");
            }
            started = true;
            if (cancelled) {
                Thread.currentThread().interrupt();
            }
            running = Thread.currentThread();
        }
        try {
            return runner.runAll();
        } catch (InterruptedException e) {
            synchronized (state) {
                running = null;
                if (!cancelled) {
                    throw e;
                }
            }
            return runner.results(); // cancel(): the batch has stopped and every task has its result
        } finally {
            synchronized (state) {
                running = null;
                if (cancelled) {
                    Thread.interrupted(); // a cancel that came as the batch ended must not leak
                }
            }
        }
    }

    /** Stops the batch on every member: running tasks' trees are killed, and every task gets a result. */
    public void cancel() {
        synchronized (state) {
            cancelled = true;
            if (running != null) {
                running.interrupt();
            }
        }
    }

    /** Results so far (all of them once {@link #runAll()} returned), in input order. */
    public List<ProcResult> results() {
        return runner.results();
    }

    /** What delivery saw: members used and lost, tasks re-queued, late results dropped. */
    public ClusterStats stats() {
        return placement.stats();
    }

    /**
     * Configures a {@link ClusterRun}. Setters check their argument at once; a second setting of the same
     * thing (or of conflicting things) is refused with a message naming both.
     */
    public static final class Builder {

        private final Cluster cluster;
        private Work work;
        private List<Task> taskList;
        private Iterable<Task> lazyTasks;
        private Duration timeout = Duration.ZERO;
        private Function<? super Task, Duration> timeoutFor;
        private Duration killGrace = Duration.ofMillis(500);
        private OutputPolicy output = OutputPolicy.defaults();
        private Map<String, String> environment = Map.of();
        private Path directory;
        private Placement placement = Placement.WORKER_JVM;
        private List<String> workerJvmOptions = List.of();
        private boolean failFast;
        private ClusterResultListener listener;

        private Builder(Cluster cluster) {
            this.cluster = cluster;
        }

        /** Each task runs {@code program fixedArgs... arg} on a member. */
        public Builder command(String program, String... fixedArgs) {
            return work(Work.command(program, fixedArgs));
        }

        /** Each task runs the given command (strings or {@link io.jconcurrent.ByteArg}s) with its arg appended. */
        public Builder command(List<?> argv) {
            return work(new Work.Command(argv));
        }

        /**
         * Each task calls {@code fn(key, fixedArgs + [arg])} on a member, with a function made there from
         * {@code fn}'s class name.
         *
         * @throws IllegalArgumentException if {@code fn} is a lambda, anonymous, inner or has instance
         *                                  fields, or its class has no public no-argument constructor
         */
        public Builder function(TaskFunction fn, Object... fixedArgs) {
            return work(Work.function(fn, fixedArgs));
        }

        /**
         * What each task does.
         *
         * @throws IllegalArgumentException for an {@link Work.AsyncCall} (its stage cannot travel), or a
         *                                  function that members cannot make (see {@link #function})
         */
        public Builder work(Work work) {
            Objects.requireNonNull(work, "work");
            if (this.work != null) {
                throw new IllegalArgumentException("work was already set to " + describe(this.work));
            }
            switch (work) {
                case Work.Call f -> FunctionClass.nameOf(f.fn());
                case Work.AsyncCall f -> throw new IllegalArgumentException("an AsyncTaskFunction ("
                        + f.fn().getClass().getName() + ") cannot run on cluster members: use a TaskFunction");
                case Work.Command c -> {
                    // argv is data
                }
            }
            this.work = work;
            return this;
        }

        /** The tasks, all known up front; keys are checked at {@link #build()}. */
        public Builder tasks(List<Task> tasks) {
            Objects.requireNonNull(tasks, "tasks");
            checkNoTasksYet();
            this.taskList = new ArrayList<>(tasks);
            return this;
        }

        /** The tasks, pulled one at a time only when a member has room. Iterated once. */
        public Builder lazyTasks(Iterable<Task> tasks) {
            Objects.requireNonNull(tasks, "tasks");
            checkNoTasksYet();
            this.lazyTasks = tasks;
            return this;
        }

        /** As {@link #lazyTasks(Iterable)}, from a stream. */
        public Builder lazyTasks(Stream<Task> tasks) {
            Iterator<Task> it = Objects.requireNonNull(tasks, "tasks").iterator();
            return lazyTasks(() -> it);
        }

        /** Each task's time limit on its member, from its own start there; zero = none. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be >= 0 (0 = none), got " + timeout);
            }
            if (timeoutFor != null) {
                throw new IllegalArgumentException("timeout conflicts with timeoutFor, already set");
            }
            this.timeout = timeout;
            return this;
        }

        /** Each task's own time limit, chosen as it is sent; zero, negative or null = none. */
        public Builder timeoutFor(Function<? super Task, Duration> limitForTask) {
            Objects.requireNonNull(limitForTask, "timeoutFor");
            if (!timeout.isZero()) {
                throw new IllegalArgumentException("timeoutFor conflicts with timeout, already set to " + timeout);
            }
            this.timeoutFor = limitForTask;
            return this;
        }

        /** SIGTERM to SIGKILL for a stopped task's tree. Default 500 ms. */
        public Builder killGrace(Duration grace) {
            Objects.requireNonNull(grace, "killGrace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("killGrace must be >= 0, got " + grace);
            }
            this.killGrace = grace;
            return this;
        }

        /**
         * How much output is kept per stream, or the directory on each member that output files go to.
         * Under {@link OutputPolicy#bytes()} a member sends back at most 64 MiB of each stream (see
         * {@link ClusterPlacement}).
         */
        public Builder output(OutputPolicy output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Extra environment variables for commands, added to each member's own environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** Working directory for commands on every member (it must exist there). */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Where a member runs function tasks: in worker JVMs (default: a timeout is a hard stop) or in itself. */
        public Builder placement(Placement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        /** JVM options for members' worker JVMs. */
        public Builder workerJvmOptions(List<String> options) {
            this.workerJvmOptions = List.copyOf(Objects.requireNonNull(options, "workerJvmOptions"));
            return this;
        }

        /** Stop the batch on every member at the first task that fails or times out. */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /** Called with each result as it arrives. */
        public Builder listener(ResultListener listener) {
            Objects.requireNonNull(listener, "listener");
            return listener((r, host, attempt) -> listener.onResult(r));
        }

        /** Called with each result as it arrives, with the member that ran it. */
        public Builder listener(ClusterResultListener listener) {
            Objects.requireNonNull(listener, "listener");
            if (this.listener != null) {
                throw new IllegalArgumentException("a listener was already set");
            }
            this.listener = listener;
            return this;
        }

        /**
         * Checks the configuration and creates the runner; nothing connects or runs until
         * {@link ClusterRun#runAll()}.
         *
         * @throws IllegalArgumentException if no work or no tasks were given, or a task list has a null or
         *                                  duplicate key (naming it and its position)
         */
        public ClusterRun build() {
            if (work == null) {
                throw new IllegalArgumentException("no work given: call command(...) or function(...)");
            }
            if (taskList == null && lazyTasks == null) {
                throw new IllegalArgumentException("no tasks given: call tasks(...) or lazyTasks(...)");
            }
            Map<Object, Ran> ran = new ConcurrentHashMap<>();
            ClusterPlacement p = ClusterPlacement.of(cluster).functionsIn(placement)
                    .withMemberListener((task, host, deliveries) -> ran.put(task.key(), new Ran(host, deliveries)));
            RunnerBuilder<ProcRunMp> b = ProcRunMp.builder()
                    .work(work)
                    .killGrace(killGrace)
                    .output(output)
                    .workerJvmOptions(workerJvmOptions)
                    .halt(failFast ? Halt.failFast() : Halt.never())
                    .placement(p);
            if (taskList != null) {
                b.tasks(taskList);
            } else {
                b.lazyTasks(lazyTasks);
            }
            if (timeoutFor != null) {
                b.timeoutFor(timeoutFor);
            } else {
                b.timeout(timeout);
            }
            if (!environment.isEmpty()) {
                b.environment(environment);
            }
            if (directory != null) {
                b.directory(directory);
            }
            ClusterResultListener l = listener;
            b.listener(r -> {
                Ran where = ran.remove(r.key());
                if (l != null) {
                    l.onResult(r, where == null ? "" : where.host(), where == null ? 1 : where.deliveries());
                }
            });
            return new ClusterRun(p, b.build());
        }

        /** Where a task's last run was. */
        private record Ran(String host, int deliveries) {
        }

        private void checkNoTasksYet() {
            if (taskList != null || lazyTasks != null) {
                throw new IllegalArgumentException("tasks were already given (tasks(...) or lazyTasks(...))");
            }
        }

        private static String describe(Work w) {
            return switch (w) {
                case Work.Command c -> "command " + c.argv();
                case Work.Call f -> "function " + f.fn().getClass().getName();
                case Work.AsyncCall f -> "async function " + f.fn().getClass().getName();
            };
        }
    }
}
