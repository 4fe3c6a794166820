package io.jconcurrent.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The submitter's own watch on its members, beside Hazelcast's: a frozen member (SIGSTOP, a hung
 * machine) keeps its connections open, so nothing fails until Hazelcast's heartbeat timeout of
 * {@value HazelcastSetup#HEARTBEAT_TIMEOUT_SECONDS} s. Here each watched member is pinged every
 * {@value #PING_EVERY_MILLIS} ms (one ping out at a time), any answer or task reply counts as a sign of
 * life, and a member silent for {@value #SILENCE_MILLIS} ms is handed to {@code onSilent} once.
 *
 * <p>The submitter's own pauses (a GC pause, a starved machine) are not blamed on members: when this
 * watch itself wakes up late by more than {@value #STALL_MILLIS} ms, every member gets a fresh
 * {@value #SILENCE_MILLIS} ms. A member paused longer than that is taken for lost like a dead one: its
 * tasks run elsewhere, and its results that come later are dropped.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@code onSilent} runs on the watch's
 * own thread.
 */
final class Liveness implements AutoCloseable {

    /** How long a member may give no sign of life before it is taken for lost. */
    static final long SILENCE_MILLIS = 1_500;
    /** How often a member is pinged (when no ping to it is still out). */
    static final long PING_EVERY_MILLIS = 250;
    /** How often the watch looks. */
    private static final long TICK_MILLIS = 50;
    /** A tick this much late means this JVM itself was paused. */
    private static final long STALL_MILLIS = 500;

    private final Map<Target, Watch> watched = new ConcurrentHashMap<>();
    private final BiConsumer<Target, String> onSilent;
    private final Thread thread;
    private volatile boolean closed;

    /** What is known of one member: nanoTime stamps. */
    private static final class Watch {
        volatile long heard;
        volatile long pinged;
        volatile boolean pingOut;

        Watch(long now) {
            heard = now;
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
            w.heard = System.nanoTime();
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
        while (!closed) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (now - last > TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS + STALL_MILLIS)) {
                for (Watch w : watched.values()) { // we were paused, not they
                    w.heard = Math.max(w.heard, now);
                }
            }
            last = now;
            for (Map.Entry<Target, Watch> e : watched.entrySet()) {
                look(e.getKey(), e.getValue(), now);
            }
        }
    }

    private void look(Target target, Watch w, long now) {
        long silent = now - w.heard;
        if (silent > TimeUnit.MILLISECONDS.toNanos(SILENCE_MILLIS)) {
            if (watched.remove(target, w)) {
                try {
                    onSilent.accept(target, "no sign of life for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
                } catch (RuntimeException ex) {
                    System.getLogger(Liveness.class.getName()).log(System.Logger.Level.WARNING,
                            "taking member " + target.name() + " for lost failed: " + ex, ex);
                }
            }
            return;
        }
        if (!w.pingOut && now - w.pinged >= TimeUnit.MILLISECONDS.toNanos(PING_EVERY_MILLIS)) {
            w.pingOut = true;
            w.pinged = now;
            target.ping(() -> {
                w.heard = System.nanoTime();
                w.pingOut = false;
            });
        }
    }
}
