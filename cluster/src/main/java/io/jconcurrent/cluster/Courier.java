package io.jconcurrent.cluster;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One batch's traffic with one member, several tasks and results to a message: each {@link Exchange}
 * carries the tasks given since the last one and acknowledges the results received since then, sealed
 * once ({@link Codec}); the member answers with every result it has ready, waiting for one if it has
 * none. So while tasks are out on the member, one exchange waits there for their results.
 *
 * <p>When to send: each answer sets off the next exchange at once, with every task and acknowledgement
 * given meanwhile (the member holds a worker's slot until the task's result is acknowledged, so an
 * acknowledgement must not wait). While an exchange waits on the member, a second goes only where
 * waiting would idle a worker there (see {@link #next}), an acknowledgement has waited
 * {@value #ACK_WAIT_MICROS} µs, or {@value #MAX_TASKS} tasks are waiting; at
 * most two are in flight (a newer one ends the older one's wait on the member), so under load messages
 * grow instead of multiplying: one exchange per answer.
 *
 * <p>Any failed exchange takes the member for lost: it is reported once, through one task's callback,
 * as a loss ({@link MemberLoss}), and the launcher then re-queues all of the member's tasks.
 *
 * <p>Thread-safety: {@link #send} and {@link #abandon} may be called from any thread; callbacks run
 * on Hazelcast's threads, outside this object's lock.
 */
final class Courier {

    /** How long an acknowledgement may wait for the exchange that the answer of the one in flight sets off. */
    static final long ACK_WAIT_MICROS = 1_000;
    /**
     * Runs on the JDK's delay thread itself: its default hands each run to the common pool, which on a
     * machine of 1 or 2 cores means a new thread each.
     */
    private static final Executor ACK_LATER = CompletableFuture.delayedExecutor(ACK_WAIT_MICROS,
            TimeUnit.MICROSECONDS, Runnable::run);
    /** The most tasks in one message. */
    static final int MAX_TASKS = 256;

    /** Sends a sealed exchange to the member; {@code done} gets the sealed answer or the failure. */
    interface Transport {
        void call(byte[] sealed, BiConsumer<byte[], Throwable> done);
    }

    private final Codec codec;
    private final Transport transport;
    private final int workers;
    private final String member;

    // Guarded by this:
    private UUID batchId;
    private final ArrayDeque<TaskMessage> pending = new ArrayDeque<>();
    /** Every task given and not answered (sent or still pending), with its callback. */
    private final Map<Long, BiConsumer<TaskReply, Throwable>> waiting = new HashMap<>();
    private long[] acks = new long[16];
    private int ackCount;
    private int inFlight;
    private boolean ackTimerSet;
    private boolean ackDue;
    private boolean lost;

    /** What one exchange carried. */
    private record Load(List<TaskMessage> tasks, long[] acks) {
    }

    Courier(Wire wire, Transport transport, int workers, String member) {
        this.codec = new Codec(wire);
        this.transport = transport;
        this.workers = Math.max(1, workers);
        this.member = member;
    }

    /** Sends a task; {@code done} gets its reply, or a loss, as for {@link Target#send}. */
    void send(TaskMessage m, BiConsumer<TaskReply, Throwable> done) {
        boolean refused;
        synchronized (this) {
            refused = lost;
            if (!lost) {
                if (batchId == null) {
                    batchId = m.batchId();
                }
                waiting.put(m.seq(), done);
                pending.addLast(m);
            }
        }
        if (refused) {
            done.accept(null, new IOException("member " + member + " was lost"));
            return;
        }
        flush();
    }

    /** Sends nothing more: the member is taken for lost, or the batch is over. */
    synchronized void abandon() {
        lost = true;
    }

    private void flush() {
        Load load;
        synchronized (this) {
            load = next();
        }
        if (load != null) {
            transmit(load);
        }
    }

    /**
     * With the lock held: what to send now, or null. An exchange goes at once when none waits on the
     * member (one must go anyway while it has our tasks, to wait for their results, so whatever there is
     * to say goes with it, acknowledgements first of all), or when waiting for the one there to answer
     * would idle a worker: the member may have a free worker for a task, or a slot there waits for an
     * acknowledgement while a task queued there waits for that slot. Otherwise what is given goes with
     * the next exchange, which the answer of the one on the member sets off; but an acknowledgement waits
     * at most {@value #ACK_WAIT_MICROS} µs for it (the slot it frees may be wanted by another submitter's
     * batch, which this one cannot see).
     */
    private Load next() {
        if (lost || batchId == null) {
            return null;
        }
        int onMember = waiting.size() - pending.size(); // sent and not answered
        if (inFlight == 0) {
            return !pending.isEmpty() || ackCount > 0 || onMember > 0 ? take() : null;
        }
        if (inFlight >= 2 || pending.isEmpty() && ackCount == 0) {
            return null;
        }
        boolean memberMayIdle = !pending.isEmpty() && onMember < workers;
        // Its slots hold its running tasks, its results on the way and the ones not yet acknowledged: more
        // than its workers of these means a task waits there.
        boolean slotAwaitsAck = ackCount > 0 && onMember + ackCount > workers;
        if (memberMayIdle || slotAwaitsAck || ackDue && ackCount > 0 || pending.size() >= MAX_TASKS) {
            return take();
        }
        if (ackCount > 0 && !ackTimerSet) {
            ackTimerSet = true;
            ACK_LATER.execute(this::ackTimeUp);
        }
        return null;
    }

    private void ackTimeUp() {
        synchronized (this) {
            ackTimerSet = false;
            ackDue = ackCount > 0; // else they went meanwhile
        }
        flush();
    }

    private Load take() {
        ackDue = false;
        inFlight++;
        List<TaskMessage> tasks = new ArrayList<>(Math.min(pending.size(), MAX_TASKS));
        while (!pending.isEmpty() && tasks.size() < MAX_TASKS) {
            tasks.add(pending.pollFirst());
        }
        long[] a = Arrays.copyOf(acks, ackCount);
        ackCount = 0;
        return new Load(tasks, a);
    }

    private void transmit(Load load) {
        List<Runnable> refused = new ArrayList<>(0);
        byte[] sealed;
        try {
            sealed = codec.exchange(batchId, load.acks(), load.tasks(), (m, e) -> {
                // the task's arg cannot travel: the task fails, the member is fine
                BiConsumer<TaskReply, Throwable> done;
                synchronized (this) {
                    done = waiting.remove(m.seq());
                }
                if (done != null) {
                    refused.add(() -> done.accept(new TaskReply(m.seq(), m.attempt(), Ended.notStarted(
                            "the task cannot be sent to a member: " + e.getMessage(), false)), null));
                }
            });
        } catch (RuntimeException e) {
            received(null, e);
            return;
        }
        refused.forEach(Runnable::run);
        try {
            transport.call(sealed, this::received);
        } catch (RuntimeException e) {
            received(null, e);
        }
    }

    private void received(byte[] sealed, Throwable error) {
        List<Codec.Received> results = null;
        Throwable failure = error;
        if (failure == null) {
            try {
                results = codec.readResults(sealed);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        List<Runnable> calls = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            if (failure != null) {
                if (!lost && !waiting.isEmpty()) {
                    BiConsumer<TaskReply, Throwable> any = waiting.values().iterator().next();
                    Throwable loss = MemberLoss.isLoss(failure) ? failure
                            : new IOException("an exchange with member " + member + " failed: " + failure, failure);
                    calls.add(() -> any.accept(null, loss));
                }
                lost = true;
            } else {
                for (Codec.Received r : results) {
                    if (ackCount == acks.length) {
                        acks = Arrays.copyOf(acks, acks.length * 2);
                    }
                    acks[ackCount++] = r.seq();
                    BiConsumer<TaskReply, Throwable> done = waiting.remove(r.seq());
                    if (done != null) {
                        calls.add(r.unreadable() != null ? () -> done.accept(null, r.unreadable())
                                : () -> done.accept(new TaskReply(r.seq(), r.attempt(), r.end()), null));
                    }
                }
            }
        }
        calls.forEach(Runnable::run);
        flush();
    }
}
