package io.jconcurrent.cluster;

import io.jconcurrent.Placement;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One run of one task on the cluster, as the engine sees it. {@link #awaitStart()} sends it (when some
 * member has room) and waits until its member answers, because only the member knows when the task
 * really started: the member enforces the task's time limit from there and reports a timeout, which
 * {@link #awaitEnd} then returns as the deadline having come first. A member lost meanwhile makes the
 * task go out again, which the engine does not see. {@link #stop} sends the member a stop order for
 * this task alone and waits for its answer.
 *
 * <p>Thread-safety: the engine calls it from the task's own thread; the launcher completes it from
 * others. State is guarded by the launcher's lock.
 */
final class RemoteTask implements RunningTask {

    private final ClusterLauncher launcher;
    private final long seq;
    private final Placement.Launch launch;
    private final List<String> losses;
    /** Signalled when it has ended: its own, so that one task's end wakes only that task's thread. */
    private final java.util.concurrent.locks.Condition endedHere;
    private int deliveries = 1;
    private ClusterLauncher.Slot slot;
    private boolean queued;
    private boolean done;
    private boolean stopping;
    private boolean handedOver;
    private Ended ended;
    private TaskEnd end;
    private String host = "";
    private long startNanos;

    RemoteTask(ClusterLauncher launcher, long seq, Placement.Launch launch, List<String> lostBefore) {
        this.launcher = launcher;
        this.seq = seq;
        this.launch = launch;
        this.losses = lostBefore == null ? new ArrayList<>(2) : new ArrayList<>(lostBefore);
        this.endedHere = launcher.lock().newCondition();
    }

    long seq() {
        return seq;
    }

    Placement.Launch launch() {
        return launch;
    }

    /** The message for delivery number {@code delivery}. */
    TaskMessage message(UUID batchId, int delivery) {
        Object arg = travelling(launch.task().arg());
        Object key = launcher.sendsKeys() ? travelling(launch.task().key()) : null;
        long timeout = launch.timeout().isZero() ? 0 : Math.max(1, ceilMillis(launch.timeout()));
        return new TaskMessage(batchId, seq, delivery, key, arg, timeout, launch.killGrace().toMillis());
    }

    /** A list as one that travels element by element ({@link Codec}); any other value as it is. */
    private static Object travelling(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : value;
    }

    private static long ceilMillis(Duration d) {
        long ms = d.toMillis();
        return d.minusMillis(ms).isZero() ? ms : ms + 1;
    }

    // With the launcher's lock held:

    void sentTo(ClusterLauncher.Slot s) {
        slot = s;
    }

    int deliveries() {
        return deliveries;
    }

    List<String> losses() {
        return losses;
    }

    List<String> lostOn(String member) {
        losses.add(member);
        return losses;
    }

    boolean stopping() {
        return stopping;
    }

    /** Its member was lost: it goes out again. */
    void requeued() {
        deliveries++;
        slot = null;
    }

    /** It has ended: as {@code remote} says (at {@code host}), or as {@code direct} says. */
    void complete(Ended remote, TaskEnd direct, String host) {
        if (done) {
            return;
        }
        done = true;
        slot = null;
        long now = System.nanoTime();
        ended = remote;
        end = remote != null ? remote.toTaskEnd(host) : direct;
        if (remote != null && (launcher.cutShort(remote.stdout()) || launcher.cutShort(remote.stderr()))) {
            end = new TaskEnd.Failed("its output passed the " + (OutputSpec.BYTES_LIMIT >> 20) + " MiB per stream"
                    + " that a member sends back under OutputPolicy.bytes() (on member " + host + "): give"
                    + " OutputPolicy.bytes(limit) a limit, or write files", null, remote.exitCode());
        }
        this.host = host;
        startNanos = remote != null ? now - remote.runNanos() : now;
        endedHere.signalAll();
    }

    // The engine's side:

    @Override
    public void awaitStart() throws InterruptedException {
        launcher.lock().lock();
        boolean first = !queued;
        queued = true;
        launcher.lock().unlock();
        if (first) {
            launcher.enqueue(this);
        }
        launcher.lock().lock();
        try {
            while (!done) {
                if (slot == null && launcher.noMembersTooLong() && launcher.withdraw(this)) {
                    complete(null, new TaskEnd.NotStarted(launcher.noMemberCause(), null, -1), "");
                    break;
                }
                if (launcher.hasTargets()) {
                    endedHere.await(); // woken by its end, or when the last target is lost
                } else {
                    endedHere.await(200, TimeUnit.MILLISECONDS); // counts the wait for a target to come
                }
            }
        } finally {
            launcher.lock().unlock();
        }
        handOver();
    }

    /** Wakes its thread in {@link #awaitStart}, with the launcher's lock held (no target is left). */
    void wake() {
        endedHere.signalAll();
    }

    @Override
    public long startNanos() {
        launcher.lock().lock();
        try {
            return startNanos;
        } finally {
            launcher.lock().unlock();
        }
    }

    @Override
    public boolean awaitEnd(long untilNanos) throws InterruptedException {
        launcher.lock().lock();
        try {
            while (!done) {
                long left = untilNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                endedHere.awaitNanos(left);
            }
        } finally {
            launcher.lock().unlock();
        }
        handOver();
        return ended == null || !ended.timedOut();
    }

    @Override
    public void stop(Duration grace) {
        ClusterLauncher.Slot on = null;
        launcher.lock().lock();
        try {
            stopping = true;
            if (!done) {
                if (slot == null) {
                    launcher.withdraw(this);
                    complete(null, new TaskEnd.NotStarted("not sent to a member before it was stopped", null, -1), "");
                } else {
                    on = slot;
                }
            }
        } finally {
            launcher.lock().unlock();
        }
        if (on != null) {
            launcher.stopOn(on, this);
            launcher.lock().lock();
            try {
                while (!done) {
                    endedHere.awaitUninterruptibly();
                }
            } finally {
                launcher.lock().unlock();
            }
        }
        handOver();
    }

    @Override
    public TaskEnd end() {
        launcher.lock().lock();
        try {
            return end;
        } finally {
            launcher.lock().unlock();
        }
    }

    /** Once it has ended, on the task's own thread: writes what it printed, and tells where it ran. */
    private void handOver() {
        Ended e;
        String where;
        launcher.lock().lock();
        try {
            if (!done || handedOver) {
                return;
            }
            handedOver = true;
            e = ended;
            where = host;
        } finally {
            launcher.lock().unlock();
        }
        if (e != null) {
            try {
                RawCapture.replay(kept(e.stdout()), launch.stdout(), launcher.refillsDropped(), where);
                RawCapture.replay(kept(e.stderr()), launch.stderr(), launcher.refillsDropped(), where);
            } catch (IOException ex) {
                // the engine's sink failed (a full disk, say); the engine reports what it kept
            }
        }
        launcher.ran(this, where);
    }

    /** A stream as the engine gets it: one a member cut short has its head only (no filler to keep). */
    private RawCapture.Kept kept(RawCapture.Kept k) {
        return launcher.cutShort(k) ? new RawCapture.Kept(k.head(), 0, k.tail()) : k;
    }
}
