package io.jconcurrent.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The submitter's own watch on its members, beside Hazelcast's: a frozen member (SIGSTOP, a hung
 * machine) keeps its connections open, so nothing fails until Hazelcast's heartbeat timeout of
 * {@value HazelcastSetup#HEARTBEAT_TIMEOUT_SECONDS} s. Here each watched member is pinged every
 * {@value #PING_EVERY_MILLIS} ms, without waiting for the answer to the last ping (so a slow answer
 * delays the next sign of life only once, and a steady stream of slow answers is no silence); any
 * answer or task reply counts as a sign of life. A member silent for {@value #SILENCE_MILLIS} ms is
 * handed to {@code onSilent} once, but only when some other watched target has given a sign of life
 * since that member's silence passed the limit: a submitter that hears from nobody is itself (or its
 * network) more likely at fault, and a lone member is left to Hazelcast's heartbeat (its tasks could go
 * nowhere else anyway).
 *
 * <p>The submitter's own pauses (a GC pause, a starved machine) are not blamed on members: whatever
 * this watch wakes up late, beyond {@value #SLACK_MILLIS} ms, is not counted as members' silence.
 * A member paused longer than the limit while others answer is taken for lost like a dead one: its
 * tasks run elsewhere, and its results that come later are dropped.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@code onSilent} runs on the watch's
 * own thread.
 */
final class Liveness implements AutoCloseable {

    /** How long a member may give no sign of life, while others do, before it is taken for lost. */
    static final long SILENCE_MILLIS = 1_500;
    /** How often a member is pinged. */
    static final long PING_EVERY_MILLIS = 250;
    /** How often the watch looks. */
    private static final long TICK_MILLIS = 50;
    /** How late the watch may wake up before the lateness is taken for its own pause. */
    private static final long SLACK_MILLIS = 50;

    private final Map<Target, Watch> watched = new ConcurrentHashMap<>();
    private final BiConsumer<Target, String> onSilent;
    private final Thread thread;
    private volatile boolean closed;

    /** What is known of one member: nanoTime stamps. */
    private static final class Watch {
        /** The latest sign of life, moved later by the watch's own pauses. */
        final AtomicLong heard;
        long pinged;

        Watch(long now) {
            heard = new AtomicLong(now);
            pinged = now - TimeUnit.MILLISECONDS.toNanos(PING_EVERY_MILLIS);
        }

        void heardNow() {
            heard.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /** Starts watching nothing yet; {@code onSilent} gets a member and why it is taken for lost. */
    Liveness(BiConsumer<Target, String> onSilent) {
        this.onSilent = onSilent;
        this.thread = Thread.ofPlatform().daemon().name("jconcurrent-liveness").start(this::loop);
    }

    /** Watches {@code target} from now on. */
    void watch(Target target) {
        watched.putIfAbsent(target, new Watch(System.nanoTime()));
    }

    /** A sign of life from {@code target} (a task reply, say). */
    void heard(Target target) {
        Watch w = watched.get(target);
        if (w != null) {
            w.heardNow();
        }
    }

    /** Stops watching {@code target} (it is lost or gone). */
    void forget(Target target) {
        watched.remove(target);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void loop() {
        long last = System.nanoTime();
        long slack = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS + SLACK_MILLIS);
        while (!closed) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long late = now - last - slack;
            last = now;
            if (late > 0) { // we were paused, not they: that time is nobody's silence
                for (Watch w : watched.values()) {
                    w.heard.updateAndGet(h -> h >= now ? h : Math.min(now, h + late));
                }
            }
            for (Map.Entry<Target, Watch> e : watched.entrySet()) {
                look(e.getKey(), e.getValue(), now);
            }
        }
    }

    private void look(Target target, Watch w, long now) {
        long heard = w.heard.get();
        long silent = now - heard;
        long limit = TimeUnit.MILLISECONDS.toNanos(SILENCE_MILLIS);
        if (silent > limit && othersHeardAfter(target, heard + limit)) {
            if (watched.remove(target, w)) {
                try {
                    onSilent.accept(target, "no sign of life for " + TimeUnit.NANOSECONDS.toMillis(silent)
                            + " ms while others answered");
                } catch (RuntimeException ex) {
                    System.getLogger(Liveness.class.getName()).log(System.Logger.Level.WARNING,
                            "taking member " + target.name() + " for lost failed: " + ex, ex);
                }
            }
            return;
        }
        if (now - w.pinged >= TimeUnit.MILLISECONDS.toNanos(PING_EVERY_MILLIS)) {
            w.pinged = now;
            target.ping(w::heardNow);
        }
    }

    /** Whether a watched target other than {@code target} gave a sign of life after {@code since}. */
    private boolean othersHeardAfter(Target target, long since) {
        for (Map.Entry<Target, Watch> e : watched.entrySet()) {
            if (e.getKey() != target && e.getValue().heard.get() - since > 0) {
                return true;
            }
        }
        return false;
    }
}
