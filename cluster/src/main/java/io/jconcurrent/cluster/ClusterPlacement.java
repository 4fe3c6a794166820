package io.jconcurrent.cluster;

import io.jconcurrent.Placement;
import java.util.List;
import java.util.Objects;

/**
 * Runs a batch's tasks on a cluster's members (and on this machine, if the cluster includes it), for
 * any runner of the core library: give it to {@link io.jconcurrent.RunnerBuilder#placement}, and the
 * batch keeps the engine's own scheduling, timeouts, {@link io.jconcurrent.Retry retries},
 * {@link io.jconcurrent.Halt halts}, listener and results.
 *
 * <pre>{@code
 * List<ProcResult> results = ProcRunMp.builder()
 *     .command("gzip", "-k")
 *     .tasks(Task.pairs(1, "a.log", 2, "b.log"))
 *     .timeout(Duration.ofMinutes(5))
 *     .retry(Retry.times(2))
 *     .placement(ClusterPlacement.of(Cluster.of("10.0.0.5:5701").withSecret(secret)))
 *     .build()
 *     .runAll();
 * }</pre>
 *
 * <p>Each batch connects as a Hazelcast client, challenges every member for the secret and opens the
 * batch there before any task starts, on the thread that starts the batch (so even
 * {@link io.jconcurrent.ProcRunAsync#runAll()} returns only after that); a member that cannot run it (a function class missing there)
 * fails the batch at once, naming class and member. The engine takes a task from the source only when
 * some member has room in its window (8 x its workers), so {@code workers} does not limit a cluster
 * batch, except {@code workers(0)}, which takes every task at once. A member lost mid-batch has its
 * tasks run again elsewhere without counting against retries; each task still gets one result. The
 * engine's timeout is enforced on the member, from the task's start there; a stop (timeout, cancel,
 * halt) reaches the task's member as a message that stops its tree there.
 *
 * <p>Tasks travel as data: a command's argv and each task's arg, or a function's class name (which must
 * be on every member's class path, public, with a public no-argument constructor and no instance
 * fields) and serializable fixed args; lambdas are refused. Args and answers must be serializable JDK
 * value types, or classes admitted with {@link Cluster#acceptClasses()} and the members' own setting.
 * A function is called with its task's key, which travels with the task under the same rules as its
 * arg (a key that cannot travel fails its task, with the reason, and the batch goes on); a command's
 * keys stay on this machine and can be anything.
 *
 * <p>Each task's output comes back as a local run keeps it under the batch's {@link io.jconcurrent.OutputPolicy},
 * exact bytes included, except that under {@code OutputPolicy.bytes()} a member sends back at most 64 MiB
 * of each stream (it holds them in memory): a task whose stream writes more, under a policy that keeps
 * more, fails with a cause that says so.
 *
 * <p>Immutable, and safe for concurrent batches; {@link #stats()} tells about the latest batch opened.
 */
public final class ClusterPlacement implements Placement {

    private final Cluster cluster;
    private final boolean functionsInWorkerJvm;
    private final MemberListener listener;
    private final LatestStats latest;

    /** Where the latest batch's launcher is, for {@link #stats()}. */
    static final class LatestStats {
        volatile ClusterLauncher launcher;
    }

    private ClusterPlacement(Cluster cluster, boolean functionsInWorkerJvm, MemberListener listener, LatestStats latest) {
        this.cluster = cluster;
        this.functionsInWorkerJvm = functionsInWorkerJvm;
        this.listener = listener;
        this.latest = latest;
    }

    /** Tasks on {@code cluster}'s members; function tasks in worker JVMs there. */
    public static ClusterPlacement of(Cluster cluster) {
        return new ClusterPlacement(Objects.requireNonNull(cluster, "cluster"), true, null, new LatestStats());
    }

    /**
     * Where members run function tasks: {@link Placement#WORKER_JVM} (the default: a timeout is a hard
     * stop) or {@link Placement#IN_PROCESS} (in the member's own JVM).
     *
     * @throws IllegalArgumentException for any other placement
     */
    public ClusterPlacement functionsIn(Placement where) {
        Objects.requireNonNull(where, "where");
        if (where != Placement.WORKER_JVM && where != Placement.IN_PROCESS) {
            throw new IllegalArgumentException("members run functions in WORKER_JVM or IN_PROCESS, not " + where);
        }
        return new ClusterPlacement(cluster, where == Placement.WORKER_JVM, listener, latest);
    }

    /** Also tells {@code listener} which machine ran each run of a task (for a joblog's Host column, say). */
    public ClusterPlacement withMemberListener(MemberListener listener) {
        return new ClusterPlacement(cluster, functionsInWorkerJvm, Objects.requireNonNull(listener, "listener"),
                latest);
    }

    /** The cluster it runs on. */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * What delivery saw in the latest batch opened with this placement (or one made from it): members used
     * and lost, deliveries re-queued, late results dropped. Empty before any batch.
     */
    public ClusterStats stats() {
        ClusterLauncher l = latest.launcher;
        return l == null ? new ClusterStats(List.of(), List.of(), 0, 0) : l.stats();
    }

    /**
     * Connects to the cluster and opens the batch on every member.
     *
     * @throws IllegalArgumentException if the work cannot travel (a lambda, an async function), or a member
     *                                  cannot run the batch (the message names the class and the member)
     * @throws IllegalStateException    if no member can be reached or none accepts this submitter
     */
    @Override
    public Launcher open(Batch batch) {
        ClusterLauncher l = ClusterLauncher.open(cluster, batch, functionsInWorkerJvm, listener);
        latest.launcher = l;
        return l;
    }

    @Override
    public String toString() {
        return "cluster " + cluster.addresses();
    }
}
