package io.jconcurrent.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.Work;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One batch's use of a cluster: jconcurrent's delivery, not Hazelcast's. Each task the engine starts
 * ({@link RemoteTask}) waits for room in some target's window ({@value #WINDOW_PER_WORKER} x its
 * workers) and goes to the target with the most room. A target whose delivery fails by disconnection,
 * or that gives no sign of life for {@value Liveness#SILENCE_MILLIS} ms while others do ({@link Liveness}),
 * is taken for lost at once (suspect: it gets nothing more in this batch); its outstanding tasks go back to the head
 * of the queue with their delivery count raised, and a reply that later arrives for a
 * delivery given up is dropped, so each run of a task ends once. Member losses are not the task's
 * failures; a task that may have been running (see {@link #lose}) on {@value #MAX_LOSSES} lost members
 * fails with a cause naming them, also across the engine's retries, so that a task which kills its
 * member cannot take the cluster down one member at a time.
 *
 * <p>Thread-safety: {@link #start} is called concurrently by the engine; replies, new targets and
 * losses come from Hazelcast's threads. Delivery state is guarded by one lock; messages are sent
 * outside it.
 */
final class ClusterLauncher implements Placement.Launcher {

    static final int WINDOW_PER_WORKER = 8;
    static final int MAX_LOSSES = 3;
    private static final System.Logger LOG = System.getLogger(ClusterLauncher.class.getName());

    private final UUID batchId;
    private final Cluster cluster;
    private final int batchWorkers;
    private final MemberListener listener;
    private final OutputPolicy output;
    /** Whether tasks carry their keys: a function is called with its task's key, a command never sees it. */
    private final boolean sendsKeys;
    private final ReentrantLock lock = new ReentrantLock();
    /** Tasks waiting to be sent: re-queued ones at the head, lowest position first. */
    private final ArrayDeque<RemoteTask> waiting = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<String> used = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    /** Members lost under each task that lost any, kept across the engine's runs of it. */
    private final Map<Object, List<String>> lossesByKey = new ConcurrentHashMap<>();
    private final AtomicLong seqs = new AtomicLong();
    /** Takes a member that stays silent (frozen) for lost well before Hazelcast's heartbeat would. */
    private final Liveness liveness = new Liveness(this::silent);
    private long requeued;
    private long lateDropped;
    private long noMemberSince = -1;
    private int openedWindows;
    private HazelcastInstance client;
    private LocalTarget local;

    /** A target and what it holds now. */
    static final class Slot {
        final Target target;
        final int window;
        /** Outstanding tasks in the order sent (a member runs what it holds lowest position first). */
        final Map<Long, RemoteTask> out = new LinkedHashMap<>();
        boolean lost;

        Slot(Target target) {
            this.target = target;
            this.window = Math.max(1, target.workers()) * WINDOW_PER_WORKER;
        }
    }

    private ClusterLauncher(UUID batchId, Cluster cluster, int batchWorkers, MemberListener listener,
                            OutputPolicy output, boolean sendsKeys) {
        this.output = output;
        this.sendsKeys = sendsKeys;
        this.batchId = batchId;
        this.cluster = cluster;
        this.batchWorkers = batchWorkers;
        this.listener = listener;
    }

    /** Connects, challenges every member, opens the batch on each; see {@link ClusterPlacement#open}. */
    static ClusterLauncher open(Cluster cluster, Placement.Batch batch, boolean functionsInWorkerJvm,
                                MemberListener listener) {
        Work work = batch.work();
        List<Object> argv = null;
        String fn = null;
        List<Object> fixed = List.of();
        if (work instanceof Work.Command c) {
            argv = new ArrayList<>(c.argv());
        } else if (work instanceof Work.Call f) {
            fn = FunctionClass.nameOf(f.fn());
            fixed = new ArrayList<>(f.fixedArgs());
        } else if (work instanceof Work.AsyncCall f) {
            throw new IllegalArgumentException("an AsyncTaskFunction (" + f.fn().getClass().getName()
                    + ") cannot run on cluster members: use a TaskFunction");
        }
        OutputSpec output = OutputSpec.of(batch.output());
        ClusterLauncher l = new ClusterLauncher(UUID.randomUUID(), cluster, batch.workers(), listener,
                batch.output(), fn != null);
        boolean ok = false;
        try {
            l.client = connect(cluster);
            BatchSpec spec = new BatchSpec(l.batchId, l.client.getLocalEndpoint().getUuid(), argv, fn, fixed,
                    functionsInWorkerJvm, 500, output, new HashMap<>(batch.environment()),
                    batch.directory() == null ? null : batch.directory().toString(), batch.workerJvmOptions());
            l.openAll(new Wire(cluster.secret(), cluster.acceptClasses()), spec);
            if (cluster.includeLocal()) {
                l.local = new LocalTarget(cluster.localWorkers());
                String error = l.local.open(spec);
                if (error != null) {
                    throw new IllegalArgumentException(error);
                }
                l.addTarget(l.local);
            }
            if (l.liveTargets().isEmpty()) {
                throw new IllegalStateException("no member of cluster '" + cluster.name() + "' at "
                        + cluster.addresses() + " accepted this submitter (is the secret the same?)");
            }
            ok = true;
            return l;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the batch on the cluster", e);
        } finally {
            if (!ok) {
                l.close();
            }
        }
    }

    private static HazelcastInstance connect(Cluster cluster) {
        try {
            return HazelcastClient.newHazelcastClient(HazelcastSetup.client(cluster));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot reach any member of cluster '" + cluster.name() + "' at "
                    + cluster.addresses() + " within " + cluster.connectTimeout().toSeconds() + " s", e);
        }
    }

    /** Challenges and opens the batch on every member now in the cluster, and on those that join later. */
    private void openAll(Wire wire, BatchSpec spec) throws InterruptedException {
        Map<UUID, MemberTarget> targets = new ConcurrentHashMap<>();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        HazelcastInstance c = client;
        c.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                if (seen.add(e.getMember().getUuid())) {
                    Thread.ofVirtual().start(() -> join(e.getMember(), wire, spec, targets));
                }
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                MemberTarget t = targets.remove(e.getMember().getUuid());
                if (t != null) {
                    targetGone(t, "it left the cluster");
                }
            }
        });
        List<Member> members = new ArrayList<>();
        for (Member m : c.getCluster().getMembers()) {
            if (seen.add(m.getUuid())) {
                members.add(m);
            }
        }
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        List<MemberTarget> opened = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Member m : members) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    MemberTarget t = MemberTarget.hello(c, m, wire);
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
                t.stop(batchId, false);
            }
            throw new IllegalArgumentException("the batch cannot run on the cluster: " + String.join("; ", refusals));
        }
        for (MemberTarget t : opened) {
            targets.put(t.member().getUuid(), t);
            addTarget(t);
        }
    }

    /** A member that joined during the batch: used if it holds the secret and can run the batch. */
    private void join(Member m, Wire wire, BatchSpec spec, Map<UUID, MemberTarget> targets) {
        try {
            MemberTarget t = MemberTarget.hello(client, m, wire);
            String error = t.open(spec);
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "member " + t.name() + " joined but cannot run the batch: " + error);
                return;
            }
            targets.put(m.getUuid(), t);
            addTarget(t);
        } catch (RuntimeException | InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "member " + m.getAddress() + " joined but is not used: " + e);
        }
    }

    /** A target with the batch open on it; tasks go there from now on. */
    void addTarget(Target target) {
        lock.lock();
        try {
            Slot s = new Slot(target);
            slots.add(s);
            used.add(target.name());
            openedWindows += s.window;
            liveness.watch(target);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** A target that left the cluster: lost, as if a delivery to it had failed. */
    void targetGone(Target target, String why) {
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.target == target) {
                    lose(s, why);
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        pump();
    }

    /**
     * A target that gave no sign of life for too long (frozen, or paused): lost, as if it had died, and
     * told to stop this batch there, which it does if it comes back, so that it does not run the rest of
     * its window for nothing.
     */
    private void silent(Target target, String why) {
        targetGone(target, why);
        target.stop(batchId, true);
    }

    @Override
    public RunningTask start(Placement.Launch launch) {
        List<String> before = launch.attempt() > 1 ? lossesByKey.get(launch.task().key()) : null;
        if (before != null && before.size() >= MAX_LOSSES) {
            return RunningTask.ended(new TaskEnd.NotStarted(lostCause(before), null, -1));
        }
        if (sendsKeys && !canTravel(launch.task().key())) {
            return RunningTask.ended(new TaskEnd.NotStarted(keyCannotTravel(launch.task().key()), null, -1));
        }
        return new RemoteTask(this, seqs.incrementAndGet(), launch, before);
    }

    /** Whether tasks carry their keys (a function batch's do). */
    boolean sendsKeys() {
        return sendsKeys;
    }

    /** Whether a value can go into a message at all ({@link Codec}); whether it may be read there is the filter's. */
    private static boolean canTravel(Object value) {
        return value instanceof java.util.List || value instanceof java.io.Serializable;
    }

    /** Why a function task whose key is not serializable does not start. */
    private static String keyCannotTravel(Object key) {
        return "the task's key (a " + key.getClass().getName() + ") cannot be sent to a member: a function on a"
                + " member is called with its task's key, so a function batch's keys must travel as data"
                + " (strings, numbers, lists, other JDK value types, or serializable classes of your own that"
                + " the members admit with --accept-class)";
    }

    /**
     * As many tasks per worker of the batch as fill every window opened so far, so that the engine takes a
     * task from the source only when a member has room for it.
     */
    @Override
    public int tasksPerWorker() {
        lock.lock();
        try {
            int w = Math.max(1, batchWorkers);
            return Math.max(1, (openedWindows + w - 1) / w);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        liveness.close();
        for (Target t : liveTargets()) {
            t.end(batchId);
        }
        if (local != null) {
            local.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    /**
     * Whether bytes a member dropped from a task's output are written to the engine's streams as filler
     * (for text capture and exact bytes, which drop and count them again), rather than as a line saying
     * so (files).
     */
    boolean refillsDropped() {
        return !(output instanceof OutputPolicy.ToFiles);
    }

    /** Whether a member kept less of this stream than the batch's policy keeps (see {@link OutputSpec#BYTES_LIMIT}). */
    boolean cutShort(RawCapture.Kept kept) {
        return OutputSpec.cutShort(output, kept);
    }

    UUID batchId() {
        return batchId;
    }

    ReentrantLock lock() {
        return lock;
    }

    void ran(RemoteTask t, String host) {
        if (listener != null) {
            try {
                listener.ran(t.launch().task(), host, t.deliveries());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the member listener failed for task " + t.launch().task().key()
                        + ": " + e, e);
            }
        }
    }

    /** Queues a task for sending (at the tail), then sends what there is room for. */
    void enqueue(RemoteTask t) {
        lock.lock();
        try {
            waiting.addLast(t);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Takes a task out of the queue if it has not been sent; with the lock held. */
    boolean withdraw(RemoteTask t) {
        return waiting.remove(t);
    }

    /** Sends queued tasks to the roomiest targets while there is room; call without the lock. */
    void pump() {
        List<RemoteTask> toSend = new ArrayList<>();
        List<Slot> where = new ArrayList<>();
        List<Integer> deliveries = new ArrayList<>();
        lock.lock();
        try {
            while (!waiting.isEmpty()) {
                Slot s = roomiest();
                if (s == null) {
                    break;
                }
                noMemberSince = -1;
                RemoteTask t = waiting.pollFirst();
                s.out.put(t.seq(), t);
                t.sentTo(s);
                toSend.add(t);
                where.add(s);
                deliveries.add(t.deliveries());
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < toSend.size(); i++) {
            RemoteTask t = toSend.get(i);
            Slot s = where.get(i);
            int delivery = deliveries.get(i);
            s.target.send(t.message(batchId, delivery), (reply, error) -> onReply(s, t, delivery, reply, error));
        }
    }

    /**
     * With the lock held: whether no target has been left for longer than the cluster's member wait (then
     * the caller fails its task); starts the clock the first time it is asked with none left.
     */
    boolean noMembersTooLong() {
        if (!slots.isEmpty()) {
            noMemberSince = -1;
            return false;
        }
        long now = System.nanoTime();
        if (noMemberSince < 0) {
            noMemberSince = now;
            LOG.log(System.Logger.Level.WARNING, "no cluster member is left; waiting up to {0} s for one",
                    cluster.memberWait().toSeconds());
            return false;
        }
        return now - noMemberSince >= cluster.memberWait().toNanos();
    }

    /** With the lock held: whether some target is left (tasks waiting for one are woken when none is). */
    boolean hasTargets() {
        return !slots.isEmpty();
    }

    /** Why a task waiting for a member is given up, with the lock held. */
    String noMemberCause() {
        return "no cluster member left to run it" + (lost.isEmpty() ? "" : " (lost: " + String.join(", ", lost) + ")");
    }

    /** Asks the task's member to stop it; without the lock. */
    void stopOn(Slot s, RemoteTask t) {
        s.target.stop(new StopOrder(batchId, true, t.seq()));
    }

    List<Target> liveTargets() {
        lock.lock();
        try {
            return slots.stream().map(s -> s.target).toList();
        } finally {
            lock.unlock();
        }
    }

    ClusterStats stats() {
        lock.lock();
        try {
            return new ClusterStats(List.copyOf(used), List.copyOf(lost), requeued, lateDropped);
        } finally {
            lock.unlock();
        }
    }

    /** The live target with the most free room in its window, or null if all are full. */
    private Slot roomiest() {
        Slot best = null;
        int bestRoom = 0;
        for (Slot s : slots) {
            int room = s.window - s.out.size();
            if (room > bestRoom) {
                best = s;
                bestRoom = room;
            }
        }
        return best;
    }

    private void onReply(Slot s, RemoteTask t, int delivery, TaskReply reply, Throwable error) {
        lock.lock();
        try {
            if (!s.lost && (reply != null || !MemberLoss.isLoss(error))) {
                liveness.heard(s.target); // any answer comes from a live member
            }
            if (s.lost || s.out.get(t.seq()) != t || t.deliveries() != delivery) {
                lateDropped++;
                return;
            }
            if (error != null && !MemberLoss.isLoss(error)) {
                s.out.remove(t.seq());
                t.complete(null, new TaskEnd.Failed("delivery to member " + s.target.name() + " failed: " + error,
                        error, -1), s.target.name());
                return;
            }
            if (error != null || reply.end() == null) {
                lose(s, error == null ? "it left the cluster" : MemberLoss.describe(error));
                return;
            }
            s.out.remove(t.seq());
            t.complete(reply.end(), null, s.target.name());
        } finally {
            lock.unlock();
            pump();
        }
    }

    /**
     * Takes a target for lost, with the lock held: its tasks go back to the head of the queue, or fail
     * after too many losses, or end now if they were being stopped.
     */
    private void lose(Slot s, String why) {
        if (s.lost) {
            return;
        }
        s.lost = true;
        slots.remove(s);
        liveness.forget(s.target);
        String name = s.target.name();
        lost.add(name);
        List<RemoteTask> back = new ArrayList<>(s.out.values());
        s.out.clear();
        LOG.log(System.Logger.Level.WARNING, "member {0} lost ({1}); {2} of its tasks go back to the queue", name,
                why, back.size());
        // Which of them can have been running there: the member had `workers` slots, took tasks in the
        // order they arrived, and then runs what it holds lowest position first. So the first `workers`
        // sent and the `workers` lowest positions; the loss counts against those alone, so that a task
        // that only waited in a lost member's window is not failed for it.
        int w = Math.max(1, s.target.workers());
        Set<RemoteTask> mayHaveRun = new HashSet<>(back.subList(0, Math.min(back.size(), w)));
        back.sort(Comparator.comparingLong(RemoteTask::seq));
        mayHaveRun.addAll(back.subList(0, Math.min(back.size(), w)));
        back.sort(Comparator.comparingLong(RemoteTask::seq).reversed());
        for (RemoteTask t : back) {
            if (mayHaveRun.contains(t)) {
                List<String> losses = t.lostOn(name);
                lossesByKey.put(t.launch().task().key(), List.copyOf(losses));
            }
            if (t.stopping()) {
                t.complete(null, new TaskEnd.Stopped(-1, "; its member " + name + " was lost"), "");
            } else if (t.losses().size() >= MAX_LOSSES) {
                t.complete(null, new TaskEnd.NotStarted(lostCause(t.losses()), null, -1), name);
            } else {
                t.requeued();
                waiting.addFirst(t);
                requeued++;
            }
        }
        if (slots.isEmpty()) {
            waiting.forEach(RemoteTask::wake); // they now count how long they wait for a target
        }
    }

    private static String lostCause(List<String> losses) {
        return "lost " + losses.size() + " cluster members while running it (" + String.join(", ", losses)
                + "); not tried again";
    }
}
