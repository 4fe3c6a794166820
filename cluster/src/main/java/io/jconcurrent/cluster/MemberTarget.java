package io.jconcurrent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** A cluster member as seen by a submitter: orders go through Hazelcast's executor, sealed. */
final class MemberTarget implements Target {

    /** How long a challenge, an opening or a stop may take before the member is taken for lost. */
    static final long CONTROL_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(MemberTarget.class.getName());

    private final Member member;
    private final Wire wire;
    private final IExecutorService tasks;
    private final IExecutorService control;
    private final IExecutorService pings;
    private final String name;
    private final int workers;
    private final Courier courier;

    private MemberTarget(Member member, Wire wire, IExecutorService tasks, IExecutorService control,
                         IExecutorService pings, String name, int workers) {
        this.member = member;
        this.wire = wire;
        this.tasks = tasks;
        this.control = control;
        this.pings = pings;
        this.name = name;
        this.workers = workers;
        this.courier = new Courier(wire, this::exchange, workers, name);
    }

    /**
     * Challenges a member to prove it holds the secret, and learns its name and workers.
     *
     * @throws SecurityException if its answer is not sealed with our secret or not for our challenge
     * @throws RuntimeException  if it cannot be reached
     */
    static MemberTarget hello(HazelcastInstance client, Member member, Wire wire) throws InterruptedException {
        IExecutorService control = client.getExecutorService(HazelcastSetup.CONTROL);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        byte[] sealed = call(control, member, MemberCall.Kind.HELLO, wire.seal(new Hello(nonce, "", 0, "")));
        Hello answer;
        try {
            answer = wire.open(sealed, Hello.class);
        } catch (IllegalArgumentException e) {
            throw new SecurityException("member " + member.getAddress() + " gave a malformed answer", e);
        }
        if (!Arrays.equals(answer.nonce(), nonce) || !answer.member().equals(member.getUuid().toString())) {
            throw new SecurityException("member " + member.getAddress() + " answered another challenge");
        }
        return new MemberTarget(member, wire, client.getExecutorService(HazelcastSetup.TASKS), control,
                client.getExecutorService(HazelcastSetup.PING), answer.host(), answer.workers());
    }

    private static byte[] call(IExecutorService executor, Member member, MemberCall.Kind kind, byte[] sealed)
            throws InterruptedException {
        try {
            return executor.submitToMember(new MemberCall(kind, sealed), member).get(CONTROL_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SecurityException s) {
                throw s;
            }
            String m = String.valueOf(c.getMessage());
            if (m.contains("not sealed with this cluster's secret")) {
                throw new SecurityException("member " + member.getAddress() + " refused our secret", c);
            }
            throw new IllegalStateException("member " + member.getAddress() + " failed: " + c, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("member " + member.getAddress() + " did not answer in "
                    + CONTROL_SECONDS + " s", e);
        }
    }

    Member member() {
        return member;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public String open(BatchSpec spec) {
        try {
            byte[] sealed = call(control, member, MemberCall.Kind.OPEN, wire.seal(spec));
            return wire.open(sealed, Answer.class).error();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the batch on " + name, e);
        }
    }

    @Override
    public void send(TaskMessage message, BiConsumer<TaskReply, Throwable> done) {
        courier.send(message, done);
    }

    private void exchange(byte[] sealed, BiConsumer<byte[], Throwable> done) {
        tasks.submitToMember(new MemberCall(MemberCall.Kind.EXCHANGE, sealed), member, new ExecutionCallback<byte[]>() {
            @Override
            public void onResponse(byte[] response) {
                done.accept(response, null);
            }

            @Override
            public void onFailure(Throwable t) {
                done.accept(null, t);
            }
        });
    }

    @Override
    public void ping(Runnable answered) {
        try {
            pings.submitToMember(new MemberCall(MemberCall.Kind.PING, wire.seal(Answer.OK)), member,
                    new ExecutionCallback<byte[]>() {
                        @Override
                        public void onResponse(byte[] response) {
                            answered.run();
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            if (!MemberLoss.isLoss(t)) {
                                answered.run(); // it answered, with an error: alive
                            }
                        }
                    });
        } catch (RuntimeException e) {
            // the client is going away: the batch is over, or the loss shows on the tasks
        }
    }

    @Override
    public void end(UUID batchId) {
        courier.abandon();
        try {
            control.submitToMember(new MemberCall(MemberCall.Kind.STOP, wire.seal(new StopOrder(batchId, false))),
                    member).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // a member we cannot reach ends the batch itself when this submitter leaves
        }
    }

    @Override
    public void stop(StopOrder order) {
        if (!order.kill()) {
            end(order.batchId());
            return;
        }
        if (order.seq() < 0) {
            courier.abandon(); // the whole batch is stopped there: it was taken for lost
        }
        // A kill must arrive: sent from a thread of its own (the caller may be a Hazelcast callback),
        // waited for, and sent again if it failed while the member is still there.
        Thread.ofVirtual().name("jconcurrent-stop-" + name).start(() -> {
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    byte[] reply = control.submitToMember(new MemberCall(MemberCall.Kind.STOP,
                            wire.seal(order)), member).get(CONTROL_SECONDS, TimeUnit.SECONDS);
                    wire.open(reply, Answer.class);
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                         | RuntimeException e) {
                    if (MemberLoss.isLoss(e)) {
                        return; // a lost member stops the batch itself when its submitter goes
                    }
                    LOG.log(System.Logger.Level.WARNING, "stopping on member " + name + " failed (try "
                            + attempt + " of 3): " + e);
                }
            }
        });
    }
}
