package io.jconcurrent.cluster;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The submitter's delivery of one batch: jconcurrent's, not Hazelcast's. It pulls a task from the
 * source only when some target has room in its window ({@value #WINDOW_PER_WORKER} x its workers),
 * sends it to the target with the most room, and keeps it until its result comes. A target whose
 * delivery fails by disconnection is taken for lost at once (suspect: it gets nothing more in this
 * batch); its outstanding tasks go back to the head of the queue with their attempt raised, and a
 * result that later arrives for an attempt given up is dropped, so each task gets exactly one result.
 * Member losses do not count as the task's failures; a task that may have been running (see
 * {@link #lose}) on {@value #MAX_LOSSES} lost members fails with a cause naming them, so that a task
 * which kills its member cannot take the cluster down one member at a time.
 *
 * <p>Thread-safety: {@link #run} runs on the caller's thread; replies, new targets and stops come
 * from other threads. All state is guarded by one lock; the listener is called under it.
 */
final class Delivery {

    static final int WINDOW_PER_WORKER = 8;
    static final int MAX_LOSSES = 3;
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private final UUID batchId;
    private final Iterator<Task> source;
    private final boolean eager;
    private final Function<Task, Duration> limitFor;
    private final boolean failFast;
    private final ClusterResultListener listener;
    private final Duration memberWait;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> retry = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<Slot> everyTarget = new ArrayList<>();
    private final List<String> used = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    private final ArrayList<ProcResult> results = new ArrayList<>();
    private final Set<Object> seenKeys = new HashSet<>();
    private long requeued;
    private long lateDropped;
    /** Tasks pulled whose final result has not been given yet (queued for retry or in flight). */
    private int unfinished;
    private boolean sourceEnded;
    /** A lazy source's next task, read ahead by the reader thread; null if none is waiting. */
    private Task prefetched;
    private boolean reading;
    private RuntimeException sourceFailure;
    private StopReason stop;
    private long noMemberSince = -1;

    /** One task between its pull and its result. */
    private static final class Pending {
        final long seq;
        final Task task;
        final long limitMillis;
        int attempt = 1;
        final List<String> losses = new ArrayList<>(2);

        Pending(long seq, Task task, long limitMillis) {
            this.seq = seq;
            this.task = task;
            this.limitMillis = limitMillis;
        }
    }

    /** A target and what it holds now. */
    private static final class Slot {
        final Target target;
        final int window;
        /** Outstanding tasks in the order sent (a member runs what it holds lowest position first). */
        final Map<Long, Pending> out = new LinkedHashMap<>();
        boolean lost;

        Slot(Target target) {
            this.target = target;
            this.window = Math.max(1, target.workers()) * WINDOW_PER_WORKER;
        }
    }

    Delivery(UUID batchId, Iterator<Task> source, boolean eager, Function<Task, Duration> limitFor, boolean failFast,
             ClusterResultListener listener, Duration memberWait) {
        this.batchId = batchId;
        this.source = source;
        this.eager = eager;
        this.limitFor = limitFor;
        this.failFast = failFast;
        this.listener = listener;
        this.memberWait = memberWait;
    }

    /** A target with the batch open on it; tasks go there from now on. */
    void addTarget(Target target) {
        lock.lock();
        try {
            Slot s = new Slot(target);
            slots.add(s);
            everyTarget.add(s);
            used.add(target.name());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A target that left the cluster: lost, as if a delivery to it had failed. */
    void targetGone(Target target, String why) {
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.target == target) {
                    lose(s, why);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers the whole batch and returns its results in input order.
     *
     * @throws InterruptedException  if interrupted; the caller then stops the batch ({@link #stop})
     *                               and calls {@link #awaitStopped()}
     * @throws IllegalStateException if the task source threw
     */
    List<ProcResult> run() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stop != null) {
                    if (unfinished == 0) {
                        break;
                    }
                    changed.await();
                    continue;
                }
                boolean more = !retry.isEmpty() || !sourceEnded || prefetched != null;
                if (!more) {
                    if (unfinished == 0) {
                        break;
                    }
                    changed.await();
                    continue;
                }
                Slot s = roomiest();
                if (s == null) {
                    if (slots.isEmpty() && noMembersTooLong()) {
                        abandon("no cluster member left to run it" + (lost.isEmpty() ? "" : " (lost: "
                                + String.join(", ", lost) + ")"));
                        continue;
                    }
                    changed.await(200, TimeUnit.MILLISECONDS);
                    continue;
                }
                noMemberSince = -1;
                Pending p = retry.pollFirst();
                if (p == null) {
                    p = next();
                    if (p == null) {
                        continue;
                    }
                }
                dispatch(s, p);
            }
            if (sourceFailure != null) {
                throw new IllegalStateException("the task source failed at position " + results.size() + ": "
                        + sourceFailure, sourceFailure);
            }
            List<ProcResult> all = new ArrayList<>(results.size());
            for (ProcResult r : results) {
                if (r != null) {
                    all.add(r);
                }
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** After an interrupted {@link #run}: waits, uninterruptibly, until every pulled task has its result. */
    void awaitStopped() {
        lock.lock();
        try {
            while (unfinished > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the batch: every target is told to stop its running tasks (each still gets a result, marked
     * with {@code reason}), and no more tasks start.
     */
    void stop(StopReason reason) {
        lock.lock();
        try {
            if (stop != null) {
                return;
            }
            stop = reason;
            Pending p;
            while ((p = retry.pollFirst()) != null) {
                finish(p, notStarted(p.task, reason), "", p.attempt);
            }
            if (eager) {
                while (pullNoLock() instanceof Pending q) {
                    finish(q, notStarted(q.task, reason), "", q.attempt);
                }
            } else if (prefetched != null) {
                Pending q = admit(true, prefetched);
                prefetched = null;
                if (q != null) {
                    finish(q, notStarted(q.task, reason), "", q.attempt);
                }
            }
            sourceEnded = true;
            for (Slot s : List.copyOf(slots)) {
                s.target.stop(batchId, true);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Targets that were used and not lost, for the end of the batch. */
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

    /** Results so far, in input order. */
    List<ProcResult> resultsSoFar() {
        lock.lock();
        try {
            return results.stream().filter(r -> r != null).toList();
        } finally {
            lock.unlock();
        }
    }

    private boolean noMembersTooLong() {
        long now = System.nanoTime();
        if (noMemberSince < 0) {
            noMemberSince = now;
            LOG.log(System.Logger.Level.WARNING, "no cluster member is left; waiting up to {0} s for one",
                    memberWait.toSeconds());
            return false;
        }
        return now - noMemberSince >= memberWait.toNanos();
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

    /**
     * The next task from the source, or null if none is ready (then the caller waits for a change). A
     * list is read at once; a lazy source is read by a reader thread, one task ahead of demand, because
     * it may block (stdin, or the CLI's feed waiting for running tasks' retries) and re-queued tasks
     * must still go out meanwhile.
     */
    private Pending next() throws InterruptedException {
        if (eager) {
            return pullNoLock();
        }
        if (prefetched != null) {
            Task t = prefetched;
            prefetched = null;
            return admit(true, t);
        }
        if (!reading && !sourceEnded) {
            reading = true;
            Thread.ofVirtual().name("jconcurrent-cluster-source").start(this::readAhead);
        }
        changed.await(200, TimeUnit.MILLISECONDS);
        return null;
    }

    /** The reader thread: reads one task with the lock released, and hands it over. */
    private void readAhead() {
        Task task = null;
        boolean has;
        RuntimeException failure = null;
        try {
            has = source.hasNext();
            task = has ? source.next() : null;
        } catch (RuntimeException e) {
            has = false;
            failure = e;
        }
        lock.lock();
        try {
            reading = false;
            if (failure != null) {
                sourceFailure = failure;
                sourceEnded = true;
            } else if (!has) {
                sourceEnded = true;
            } else if (stop != null || sourceEnded) {
                // read after a stop: like a local batch's lazy source, it is left without a result
            } else {
                prefetched = task;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Pulls from a list, with the lock held (a list cannot block). */
    private Pending pullNoLock() {
        if (sourceEnded) {
            return null;
        }
        try {
            boolean has = source.hasNext();
            return admit(has, has ? source.next() : null);
        } catch (RuntimeException e) {
            sourceFailure = e;
            sourceEnded = true;
            return null;
        }
    }

    /** A pulled task's place in the results, and its pending state, or null if it gets a result at once. */
    private Pending admit(boolean has, Task task) {
        if (!has) {
            sourceEnded = true;
            return null;
        }
        long seq = results.size();
        results.add(null);
        if (task == null) {
            String msg = "task at position " + seq + " is null";
            results.set((int) seq, failed(new Task("#" + seq, null), msg, new IllegalArgumentException(msg)));
            report(results.get((int) seq), "", 1);
            return null;
        }
        if (!eager && !seenKeys.add(task.key())) {
            String msg = "duplicate task key " + (task.key() instanceof CharSequence ? "\"" + task.key() + "\""
                    : task.key()) + " at position " + seq;
            results.set((int) seq, failed(task, msg, new IllegalArgumentException(msg)));
            report(results.get((int) seq), "", 1);
            return null;
        }
        Duration limit = limitFor.apply(task);
        unfinished++;
        return new Pending(seq, task, limit == null || limit.isNegative() ? 0 : limit.toMillis());
    }

    private void dispatch(Slot s, Pending p) {
        s.out.put(p.seq, p);
        int attempt = p.attempt;
        TaskMessage m = new TaskMessage(batchId, p.seq, attempt, p.task.key(), p.task.arg(), p.limitMillis);
        lock.unlock();
        try {
            s.target.send(m, (reply, error) -> onReply(s, p, attempt, reply, error));
        } finally {
            lock.lock();
        }
    }

    private void onReply(Slot s, Pending p, int attempt, TaskReply reply, Throwable error) {
        lock.lock();
        try {
            if (s.lost || s.out.get(p.seq) != p || p.attempt != attempt) {
                lateDropped++;
                return;
            }
            if (error != null && !MemberLoss.isLoss(error)) {
                s.out.remove(p.seq);
                finish(p, failed(p.task, "delivery to member " + s.target.name() + " failed: " + error, error),
                        s.target.name(), attempt);
                return;
            }
            if (error != null || reply.result() == null) {
                lose(s, error == null ? "it left the cluster" : MemberLoss.describe(error));
                return;
            }
            s.out.remove(p.seq);
            ProcResult r = reply.result();
            StopReason reason = stop == StopReason.FAIL_FAST && r.status() == Status.CANCELLED ? StopReason.FAIL_FAST
                    : r.stopReason();
            finish(p, new ProcResult(p.task.key(), p.task.arg(), r.timeStartEpochNanos(), r.timeRunNanos(),
                    r.queueWaitNanos(), r.status(), reason, r.returnCode(), r.stdout(), r.stderr(),
                    r.stdoutTruncated(), r.stderrTruncated(), r.answer(), r.cause(), r.exception()),
                    s.target.name(), attempt);
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Takes a target for lost: its tasks go back to the head of the queue, or fail after too many losses. */
    private void lose(Slot s, String why) {
        if (s.lost) {
            return;
        }
        s.lost = true;
        slots.remove(s);
        String name = s.target.name();
        lost.add(name);
        List<Pending> back = new ArrayList<>(s.out.values());
        s.out.clear();
        LOG.log(System.Logger.Level.WARNING, "member {0} lost ({1}); {2} of its tasks go back to the queue", name,
                why, back.size());
        // Which of them can have been running there: the member had `workers` slots, took tasks in the
        // order they arrived, and then runs what it holds lowest position first. So the first `workers`
        // sent and the `workers` lowest positions; the loss counts against those alone, so that a task
        // that only waited in a lost member's window is not failed for it.
        int w = Math.max(1, s.target.workers());
        Set<Pending> mayHaveRun = new HashSet<>(back.subList(0, Math.min(back.size(), w)));
        back.sort(Comparator.comparingLong((Pending p) -> p.seq));
        mayHaveRun.addAll(back.subList(0, Math.min(back.size(), w)));
        back.sort(Comparator.comparingLong((Pending p) -> p.seq).reversed());
        for (Pending p : back) {
            if (mayHaveRun.contains(p)) {
                p.losses.add(name);
            }
            p.attempt++;
            if (stop != null) {
                finish(p, notStarted(p.task, stop), name, p.attempt - 1);
            } else if (p.losses.size() >= MAX_LOSSES) {
                finish(p, failed(p.task, "lost " + p.losses.size() + " cluster members while running it ("
                        + String.join(", ", p.losses) + "); not tried again", null), name, p.attempt - 1);
            } else {
                retry.addFirst(p);
                requeued++;
            }
        }
        changed.signalAll();
    }

    /** No target is left and none came: every queued task fails, and no more are pulled. */
    private void abandon(String why) {
        Pending p;
        while ((p = retry.pollFirst()) != null) {
            finish(p, failed(p.task, why, null), "", p.attempt);
        }
        if (eager) {
            while (pullNoLock() instanceof Pending q) {
                finish(q, failed(q.task, why, null), "", q.attempt);
            }
        } else if (prefetched != null) {
            Pending q = admit(true, prefetched);
            prefetched = null;
            if (q != null) {
                finish(q, failed(q.task, why, null), "", q.attempt);
            }
        }
        sourceEnded = true;
    }

    private void finish(Pending p, ProcResult r, String host, int attempt) {
        results.set((int) p.seq, r);
        unfinished--;
        report(r, host, attempt);
        if (failFast && stop == null && (r.status() == Status.FAILED || r.status() == Status.TIMED_OUT)) {
            stop(StopReason.FAIL_FAST);
        }
        changed.signalAll();
    }

    private void report(ProcResult r, String host, int attempt) {
        if (listener == null) {
            return;
        }
        try {
            listener.onResult(r, host, attempt);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "result listener failed for task " + r.key() + ": " + e, e);
        }
    }

    private static ProcResult failed(Task t, String why, Throwable e) {
        return new ProcResult(t.key(), t.arg(), System.currentTimeMillis() * 1_000_000L, 0, 0, Status.FAILED,
                StopReason.NONE, -1, "", "", false, false, null, why, e);
    }

    private static ProcResult notStarted(Task t, StopReason reason) {
        return new ProcResult(t.key(), t.arg(), System.currentTimeMillis() * 1_000_000L, 0, 0, Status.CANCELLED,
                reason, -1, "", "", false, false, null, reason == StopReason.FAIL_FAST
                ? "not started: another task failed (fail-fast)" : "not started: the batch was cancelled", null);
    }
}
