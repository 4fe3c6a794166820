package io.jconcurrent.cluster;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/**
 * A cluster member: a Hazelcast member that runs the tasks submitters send it, through this machine's
 * jconcurrent engine (so tree kill, output caps and worker JVMs behave exactly as on one machine). It
 * runs at most {@link MemberSettings#workers()} tasks at once over all batches; a batch whose submitter
 * leaves is stopped (its process trees killed). A small watchdog process kills the member's task
 * processes if the member itself dies, even by {@code kill -9}.
 *
 * <pre>{@code
 * try (ClusterMember member = ClusterMember.start(MemberSettings.loopback(5701).withWorkers(4))) {
 *     member.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class ClusterMember implements AutoCloseable {

    private final HazelcastInstance hazelcast;
    private final MemberEngine engine;
    private final Watchdog watchdog;
    private final String address;
    private final MemberSettings settings;
    private volatile boolean closed;

    private ClusterMember(HazelcastInstance hazelcast, MemberEngine engine, Watchdog watchdog, String address,
                          MemberSettings settings) {
        this.hazelcast = hazelcast;
        this.engine = engine;
        this.watchdog = watchdog;
        this.address = address;
        this.settings = settings;
    }

    /**
     * Starts a member and returns once it has joined its cluster (or formed one).
     *
     * @throws IllegalStateException if Hazelcast cannot start (for example the port is taken)
     */
    public static ClusterMember start(MemberSettings settings) {
        MemberSettings s = settings.port() == 0 ? settings.withPort(Addresses.freePort(settings.bindAddress()))
                : settings;
        Watchdog watchdog = Watchdog.start(UUID.randomUUID().toString());
        MemberEngine engine = new MemberEngine(new Wire(s.secret(), s.acceptClasses()), s.workers(), watchdog,
                Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : ClusterMember.class.getClassLoader());
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(HazelcastSetup.member(s, engine));
        } catch (RuntimeException e) {
            watchdog.close();
            throw new IllegalStateException("cannot start a cluster member on " + s.bindAddress() + ":" + s.port()
                    + ": " + e.getMessage(), e);
        }
        var local = hz.getCluster().getLocalMember();
        String address = local.getAddress().getHost() + ":" + local.getAddress().getPort();
        engine.identify(local.getUuid(), address);
        hz.getClientService().addClientListener(new ClientListener() {
            @Override
            public void clientConnected(Client client) {
            }

            @Override
            public void clientDisconnected(Client client) {
                engine.submitterLeft(client.getUuid());
            }
        });
        return new ClusterMember(hz, engine, watchdog, address, s);
    }

    /** Where this member listens, as {@code host:port}. */
    public String address() {
        return address;
    }

    /** The settings it runs with (the port resolved, if 0 was asked). */
    public MemberSettings settings() {
        return settings;
    }

    /** How many members its cluster has now, itself included. */
    public int clusterSize() {
        return closed ? 0 : hazelcast.getCluster().getMembers().size();
    }

    /** Blocks until {@link #close()} is called (for example from a shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        synchronized (this) {
            while (!closed) {
                wait();
            }
        }
    }

    /**
     * Leaves the cluster: running tasks are stopped (their trees killed) and reported as cancelled to
     * their submitters, which run them again elsewhere; then Hazelcast shuts down. Repeat calls do
     * nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            engine.shutDown(); // running tasks stopped, and answered "not finished here"
            hazelcast.shutdown();
        } finally {
            watchdog.close();
        }
    }

    /**
     * Dies as abruptly as this JVM allows without dying: Hazelcast's connections are cut with no goodbye,
     * no result is sent, and the watchdog kills the running task processes, as after {@code kill -9}.
     * For tests of losing a member.
     */
    void crash() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        // A JVM killed with -9 starts nothing more and sends nothing more: the engine stops taking tasks,
        // the connections go, the watchdog kills what runs, and only then is the engine cleaned up.
        engine.freeze();
        hazelcast.getLifecycleService().terminate();
        watchdog.close();
        engine.shutDown();
    }

    /** The value of {@link Watchdog#VARIABLE} in this member's tasks' environment. */
    String mark() {
        return watchdog.environment().get(Watchdog.VARIABLE);
    }

    /** The member's watchdog process, for tests; null without one. */
    Process watchdogProcess() {
        return watchdog.process();
    }
}
