package io.jconcurrent.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A member's side of the protocol: it answers challenges, opens batches, runs each task it is sent
 * (blocking the Hazelcast executor thread that carries it until the result), and stops batches when
 * told to or when their submitter leaves. It is also what the submitter uses to run tasks on its own
 * machine (include-local), without Hazelcast.
 *
 * <p>Thread-safety: every method may be called concurrently.
 */
final class MemberEngine {

    static final String CONTEXT_KEY = MemberEngine.class.getName();
    private static final System.Logger LOG = System.getLogger(MemberEngine.class.getName());
    /** How long an exchange waits for a result before it answers with none (the submitter then asks again). */
    static final long EXCHANGE_WAIT_MILLIS = 5_000;
    /** Batch ids remembered after they end, so a replayed order cannot reopen one. */
    private static final int ENDED_REMEMBERED = 10_000;

    private final Wire wire;
    private final Codec codec;
    private final int workers;
    private final Semaphore permits;
    private final Watchdog watchdog;
    private final ClassLoader loader;
    private final Map<UUID, MemberBatch> batches = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> submitterOf = new ConcurrentHashMap<>();
    private final Set<UUID> ended = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > ENDED_REMEMBERED;
                }
            }));
    private volatile String name = "this machine";
    private volatile UUID memberId;
    private volatile boolean down;

    MemberEngine(Wire wire, int workers, Watchdog watchdog, ClassLoader loader) {
        this.wire = wire;
        this.codec = new Codec(wire);
        this.workers = workers;
        this.permits = new Semaphore(workers);
        this.watchdog = watchdog;
        this.loader = loader;
    }

    static MemberEngine of(HazelcastInstance instance) {
        Object engine = instance.getUserContext().get(CONTEXT_KEY);
        if (!(engine instanceof MemberEngine e)) {
            throw new IllegalStateException("this Hazelcast member is not a jconcurrent member");
        }
        return e;
    }

    /** Sets how this member names itself in replies, once Hazelcast has its address. */
    void identify(UUID memberId, String name) {
        this.memberId = memberId;
        this.name = name;
    }

    String name() {
        return name;
    }

    int workers() {
        return workers;
    }

    /** Handles one sealed order; the reply is sealed too. */
    byte[] handle(MemberCall.Kind kind, byte[] sealed) throws InterruptedException {
        if (down && kind != MemberCall.Kind.EXCHANGE) {
            throw new IllegalStateException("member " + name + " is shutting down");
        }
        return switch (kind) {
            case HELLO -> {
                Hello h = wire.open(sealed, Hello.class);
                yield wire.seal(new Hello(h.nonce(), String.valueOf(memberId), workers, name));
            }
            case OPEN -> wire.seal(open(wire.open(sealed, BatchSpec.class)));
            case EXCHANGE -> exchange(sealed);
            case STOP -> {
                stop(wire.open(sealed, StopOrder.class));
                yield wire.seal(Answer.OK);
            }
            case PING -> {
                wire.open(sealed, Answer.class);
                yield wire.seal(Answer.OK);
            }
        };
    }

    /** Opens a batch here, or says why it cannot run here. */
    Answer open(BatchSpec spec) {
        if (ended.contains(spec.batchId())) {
            return new Answer("batch " + spec.batchId() + " has already ended on member " + name);
        }
        try {
            batches.computeIfAbsent(spec.batchId(),
                    id -> MemberBatch.open(spec, permits, workers, watchdog.environment(), loader));
        } catch (IllegalArgumentException e) {
            return new Answer(e.getMessage() + " (on member " + name + ")");
        }
        if (spec.submitter() != null) {
            submitterOf.put(spec.batchId(), spec.submitter());
        }
        return Answer.OK;
    }

    /**
     * Takes a submitter's acknowledgements and new tasks for one batch, and answers with the results ready
     * here, waiting up to {@value #EXCHANGE_WAIT_MILLIS} ms for one if there is none (a newer exchange
     * ends the wait). A task that cannot be read here is answered at once as failed; a member that shuts
     * down answers its tasks with no end, which tells the submitter to run them elsewhere (as when a
     * member is lost).
     */
    byte[] exchange(byte[] sealed) throws InterruptedException {
        List<Outbox.Item> now = new java.util.ArrayList<>();
        Exchange x = codec.readExchange(sealed, (seq, attempt, why) -> now.add(new Outbox.Item(seq, attempt,
                new Ended(Ended.Kind.FAILED, -1, "delivery to member " + name + " failed: " + why.getMessage(), null,
                        null, false, false, 0, RawCapture.Kept.NOTHING, RawCapture.Kept.NOTHING))));
        MemberBatch b = batches.get(x.batchId());
        if (b != null) {
            b.acknowledge(x.acks());
        }
        for (TaskMessage m : x.tasks()) {
            if (down) {
                now.add(new Outbox.Item(m.seq(), m.attempt(), null));
            } else if (b == null) {
                now.add(new Outbox.Item(m.seq(), m.attempt(), Ended.notStarted("batch " + x.batchId()
                        + " is not open on member " + name, false)));
            } else {
                b.submit(m, end -> b.outbox().add(m.seq(), m.attempt(),
                        down && end.cancelled() ? null : end)); // stopped by this member's own shutdown
            }
        }
        if (b != null) {
            now.addAll(b.outbox().take(now.isEmpty() && !down, EXCHANGE_WAIT_MILLIS));
        }
        return codec.results(now, this::unwritable);
    }

    /** The submitter has received these results of a batch (for the include-local target). */
    void acknowledge(UUID batchId, long seq) {
        MemberBatch b = batches.get(batchId);
        if (b != null) {
            b.acknowledge(new long[] {seq});
        }
    }

    /** Queues one task; {@code onDone} gets how it ended. */
    void submit(TaskMessage m, java.util.function.Consumer<Ended> onDone) {
        MemberBatch b = batches.get(m.batchId());
        if (b == null) {
            onDone.accept(Ended.notStarted("batch " + m.batchId() + " is not open on member " + name, false));
            return;
        }
        b.submit(m, onDone);
    }

    /** Stops (kill) or ends a batch here; unknown batches are ignored. */
    void stop(StopOrder order) {
        if (order.seq() >= 0) {
            MemberBatch b = batches.get(order.batchId());
            if (b != null) {
                b.stopTask(order.seq());
            }
            return;
        }
        if (order.kill()) {
            MemberBatch b = batches.get(order.batchId());
            if (b != null) {
                b.kill();
            }
            return;
        }
        ended.add(order.batchId());
        submitterOf.remove(order.batchId());
        MemberBatch b = batches.remove(order.batchId());
        if (b != null) {
            b.close();
        }
    }

    /** A submitter left: its batches' results can go nowhere, so their process trees are stopped. */
    void submitterLeft(UUID submitter) {
        for (Map.Entry<UUID, UUID> e : List.copyOf(submitterOf.entrySet())) {
            if (e.getValue().equals(submitter)) {
                LOG.log(System.Logger.Level.INFO, "submitter {0} left: stopping its batch {1}", submitter, e.getKey());
                stop(new StopOrder(e.getKey(), true));
                stop(new StopOrder(e.getKey(), false));
            }
        }
    }

    /** Starts no more tasks in any batch (for a simulated crash); running ones go on. */
    void freeze() {
        down = true;
        for (MemberBatch b : batches.values()) {
            b.freeze();
        }
    }

    /** Stops every batch and waits until each has its results. */
    void shutDown() {
        down = true;
        for (MemberBatch b : batches.values()) {
            b.kill();
        }
        for (MemberBatch b : batches.values()) {
            b.ended().join();
        }
        batches.clear();
    }

    /** An end that cannot be sent back (its answer is not serializable), as one that says so. */
    private Ended unwritable(Ended end, IllegalArgumentException why) {
        Object answer = end.outcome() == null ? null : end.outcome().answer();
        String what = answer == null ? "its end" : "its answer (" + answer.getClass().getName() + ")";
        return new Ended(Ended.Kind.FAILED, end.exitCode(), what + " cannot be sent back from member " + name
                + ": " + why.getMessage(), null, null, false, false, end.runNanos(), end.stdout(), end.stderr());
    }
}
