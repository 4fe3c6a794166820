package io.jconcurrent.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ResultListener;
import io.jconcurrent.StopReason;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one batch across a cluster's members (and this machine, if the cluster includes it), with the
 * same results as a local run: one {@link ProcResult} per task, in input order. The submitter is a
 * Hazelcast client: its crash moves no data and changes no membership (members stop its batches'
 * process trees when it leaves). Delivery is jconcurrent's: tasks are pulled lazily, each member holds
 * a bounded window of them, and a member lost mid-batch has its tasks run again elsewhere (see
 * {@link ClusterStats}); each task still gets exactly one result.
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
 * <p>Tasks travel as data: a command's argv and each task's arg, or a function's class name (which must
 * be on every member's class path, public, with a public no-argument constructor) and serializable
 * args. Lambdas are refused. Keys, args and answers must be serializable JDK value types, or classes
 * admitted with {@link Cluster#acceptClasses()} and the members' own setting.
 *
 * <p>A runner runs its batch once. Thread-safety: {@link #cancel()}, {@link #results()} and
 * {@link #stats()} may be called from any thread while {@link #runAll()} runs.
 */
public final class ClusterRun {

    private static final System.Logger LOG = System.getLogger(ClusterRun.class.getName());

    private final Cluster cluster;
    private final Builder b;
    private volatile Delivery delivery;
    private volatile boolean started;
    private volatile StopReason stopRequested;

    private ClusterRun(Cluster cluster, Builder b) {
        this.cluster = cluster;
        this.b = b;
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
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("runAll() was already called on this runner; build a new one");
            }
            started = true;
        }
        HazelcastInstance client = null;
        LocalTarget local = null;
        Delivery d = null;
        try {
            client = connect();
            Wire wire = new Wire(cluster.secret(), cluster.acceptClasses());
            BatchSpec spec = b.spec(client.getLocalEndpoint().getUuid());
            d = new Delivery(spec.batchId(), b.source(), b.taskList != null, b.limitFor(), b.failFast,
                    b.listener, cluster.memberWait());
            delivery = d;
            Map<UUID, MemberTarget> targets = new ConcurrentHashMap<>();
            Set<UUID> seen = ConcurrentHashMap.newKeySet();
            Delivery fd = d;
            HazelcastInstance fc = client;
            client.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent e) {
                    if (seen.add(e.getMember().getUuid())) {
                        Thread.ofVirtual().start(() -> join(fc, e.getMember(), wire, spec, fd, targets));
                    }
                }

                @Override
                public void memberRemoved(MembershipEvent e) {
                    MemberTarget t = targets.remove(e.getMember().getUuid());
                    if (t != null) {
                        fd.targetGone(t, "it left the cluster");
                    }
                }
            });
            List<String> refusals = openAll(client, wire, spec, d, targets, seen);
            if (!refusals.isEmpty()) {
                throw new IllegalArgumentException("the batch cannot run on the cluster: " + String.join("; ", refusals));
            }
            if (cluster.includeLocal()) {
                local = new LocalTarget(cluster.localWorkers());
                String error = local.open(spec);
                if (error != null) {
                    throw new IllegalArgumentException(error);
                }
                d.addTarget(local);
            }
            if (d.liveTargets().isEmpty()) {
                throw new IllegalStateException("no member of cluster '" + cluster.name() + "' at "
                        + cluster.addresses() + " accepted this submitter (is the secret the same?)");
            }
            if (stopRequested != null) {
                d.stop(stopRequested);
            }
            try {
                return d.run();
            } catch (InterruptedException e) {
                d.stop(StopReason.CANCELLED);
                d.awaitStopped();
                throw e;
            }
        } finally {
            if (d != null) {
                for (Target t : d.liveTargets()) {
                    t.end(b.batchId);
                }
            }
            if (local != null) {
                local.close();
            }
            if (client != null) {
                client.shutdown();
            }
        }
    }

    /** Stops the batch on every member: running tasks' trees are killed, and every task gets a result. */
    public void cancel() {
        stopRequested = StopReason.CANCELLED;
        Delivery d = delivery;
        if (d != null) {
            d.stop(StopReason.CANCELLED);
        }
    }

    /** Results so far (all of them once {@link #runAll()} returned), in input order. */
    public List<ProcResult> results() {
        Delivery d = delivery;
        return d == null ? List.of() : d.resultsSoFar();
    }

    /** What delivery saw: members used and lost, tasks re-queued, late results dropped. */
    public ClusterStats stats() {
        Delivery d = delivery;
        return d == null ? new ClusterStats(List.of(), List.of(), 0, 0) : d.stats();
    }

    private HazelcastInstance connect() {
        try {
            return HazelcastClient.newHazelcastClient(HazelcastSetup.client(cluster));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot reach any member of cluster '" + cluster.name() + "' at "
                    + cluster.addresses() + " within " + cluster.connectTimeout().toSeconds() + " s", e);
        }
    }

    /** Challenges and opens the batch on every member now in the cluster; returns the members' refusals. */
    private static List<String> openAll(HazelcastInstance client, Wire wire, BatchSpec spec, Delivery d,
                                        Map<UUID, MemberTarget> targets, Set<UUID> seen) throws InterruptedException {
        List<Member> members = new ArrayList<>();
        for (Member m : client.getCluster().getMembers()) {
            if (seen.add(m.getUuid())) {
                members.add(m);
            }
        }
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        List<MemberTarget> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Member m : members) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    MemberTarget t = MemberTarget.hello(client, m, wire);
                    String error = t.open(spec);
                    if (error != null) {
                        refusals.add(error);
                    } else {
                        opened.add(t);
                    }
                } catch (SecurityException e) {
                    LOG.log(System.Logger.Level.WARNING, "member " + m.getAddress() + " not used: " + e.getMessage());
                } catch (RuntimeException | InterruptedException e) {
                    LOG.log(System.Logger.Level.WARNING, "member " + m.getAddress() + " not used: " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!refusals.isEmpty()) {
            for (MemberTarget t : opened) {
                t.stop(spec.batchId(), false);
            }
            return refusals;
        }
        for (MemberTarget t : opened) {
            targets.put(t.member().getUuid(), t);
            d.addTarget(t);
        }
        return refusals;
    }

    /** A member that joined during the batch: used if it holds the secret and can run the batch. */
    private static void join(HazelcastInstance client, Member m, Wire wire, BatchSpec spec, Delivery d,
                             Map<UUID, MemberTarget> targets) {
        try {
            MemberTarget t = MemberTarget.hello(client, m, wire);
            String error = t.open(spec);
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "member " + t.name() + " joined but cannot run the batch: " + error);
                return;
            }
            targets.put(m.getUuid(), t);
            d.addTarget(t);
        } catch (RuntimeException | InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "member " + m.getAddress() + " joined but is not used: " + e);
        }
    }

    /**
     * Configures a {@link ClusterRun}. Setters check their argument at once; a second setting of the same
     * thing (or of conflicting things) is refused with a message naming both.
     */
    public static final class Builder {

        private final Cluster cluster;
        private final UUID batchId = UUID.randomUUID();
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
         *
         * @throws IllegalArgumentException for {@link OutputPolicy#bytes()}, not available on a cluster yet
         */
        public Builder output(OutputPolicy output) {
            OutputSpec.of(Objects.requireNonNull(output, "output")); // refuses what cannot travel, now
            this.output = output;
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
            if (taskList != null) {
                Map<Object, Integer> seen = new HashMap<>();
                for (int i = 0; i < taskList.size(); i++) {
                    Task t = taskList.get(i);
                    if (t == null) {
                        throw new IllegalArgumentException("task at position " + i + " is null");
                    }
                    Integer first = seen.putIfAbsent(t.key(), i);
                    if (first != null) {
                        throw new IllegalArgumentException("duplicate task key " + t.key() + " at position " + i
                                + " (first at position " + first + ")");
                    }
                }
            }
            return new ClusterRun(cluster, this);
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

        Iterator<Task> source() {
            return taskList != null ? taskList.iterator() : lazyTasks.iterator();
        }

        Function<Task, Duration> limitFor() {
            if (timeoutFor != null) {
                Function<? super Task, Duration> f = timeoutFor;
                return f::apply;
            }
            Duration t = timeout;
            return task -> t;
        }

        BatchSpec spec(UUID submitter) {
            List<Object> argv = work instanceof Work.Command c ? new ArrayList<>(c.argv()) : null;
            String fn = work instanceof Work.Call f ? FunctionClass.nameOf(f.fn()) : null;
            List<Object> fixed = work instanceof Work.Call f ? new ArrayList<>(f.fixedArgs()) : List.of();
            return new BatchSpec(batchId, submitter, argv, fn, fixed, placement == Placement.WORKER_JVM,
                    killGrace.toMillis(), OutputSpec.of(output), new HashMap<>(environment),
                    directory == null ? null : directory.toString(), workerJvmOptions);
        }
    }
}
