package io.jconcurrent.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

/**
 * Hazelcast's configuration for members and submitters, in one place: TCP-IP join only (no multicast,
 * no cloud discovery), bound to the given address only, quiet, no phone-home, Jet off, Java
 * deserialization refused (jconcurrent's messages use Hazelcast's own data format and carry their
 * payload sealed), and failure detection tuned for seconds, not a minute.
 */
final class HazelcastSetup {

    /** The executor that carries tasks (one thread per task delivered and not yet answered). */
    static final String TASKS = "jconcurrent.tasks";
    /** The executor that carries challenges, batch openings and stops, so they never wait behind tasks. */
    static final String CONTROL = "jconcurrent.control";
    /** The executor that answers the submitter's pings, so that they never wait behind controls or tasks. */
    static final String PING = "jconcurrent.ping";
    /** How long a member or submitter may stay silent before the other side of a connection takes it for dead. */
    static final int HEARTBEAT_TIMEOUT_SECONDS = 5;
    /**
     * How long a member may stay silent before the other members remove it from the cluster. Longer than
     * the above: submitters see a dead member's connections fail and watch for frozen ones themselves
     * ({@link Liveness}), while a short limit here splits the cluster after a pause of a few seconds (the
     * others remove the paused member; woken up, it removes them), and a submitter whose view of the
     * cluster comes from the paused member then sees healthy members leave.
     */
    static final int MEMBER_HEARTBEAT_TIMEOUT_SECONDS = 60;

    /** Where Hazelcast runs its invocations' callbacks here, if not on the JDK's common pool (see {@link #poolCallbacks}). */
    private static ExecutorService callbacks;

    private HazelcastSetup() {
    }

    /**
     * Hazelcast runs the callbacks of its invocations (the answer to every exchange) on the JDK's common
     * pool, but where that pool has a single thread (a machine of 1 or 2 cores) it starts a new thread for
     * each callback: a thread start per message, about a tenth of a submitter's CPU on 2 cores
     * (docs/bench-cluster.md). There, they run on threads that are kept and reused instead. Hazelcast's
     * setting is the JVM's; one that is not its own default is left alone.
     */
    static synchronized void poolCallbacks() {
        Executor current = ConcurrencyUtil.getDefaultAsyncExecutor();
        if (callbacks != null || ForkJoinPool.getCommonPoolParallelism() > 1 || current == ForkJoinPool.commonPool()
                || !current.getClass().getName().startsWith(ConcurrencyUtil.class.getName() + "$$Lambda")) {
            return;
        }
        callbacks = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("jconcurrent-hz-callback-", 1)
                .factory());
        ConcurrencyUtil.setDefaultAsyncExecutor(callbacks);
    }

    static Config member(MemberSettings s, MemberEngine engine) {
        poolCallbacks();
        Config c = new Config();
        c.setClusterName(s.clusterName());
        common(c.getSerializationConfig());
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", s.bindAddress());
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MEMBER_HEARTBEAT_TIMEOUT_SECONDS));
        c.setProperty("hazelcast.client.max.no.heartbeat.seconds", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS));
        c.setProperty("hazelcast.partition.count", "7");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        c.getJetConfig().setEnabled(false);
        c.getUserContext().put(MemberEngine.CONTEXT_KEY, engine);
        c.addExecutorConfig(new ExecutorConfig(TASKS).setPoolSize(Math.max(16, 32 * s.workers()))
                .setStatisticsEnabled(false));
        c.addExecutorConfig(new ExecutorConfig(CONTROL).setPoolSize(4).setStatisticsEnabled(false));
        c.addExecutorConfig(new ExecutorConfig(PING).setPoolSize(2).setStatisticsEnabled(false));

        NetworkConfig n = c.getNetworkConfig();
        n.setPort(s.port()).setPortAutoIncrement(false).setReuseAddress(true);
        n.getInterfaces().setEnabled(true).setInterfaces(List.of(s.bindAddress()));
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(s.join().isEmpty()
                ? List.of(s.bindAddress() + ":" + s.port()) : s.join());
        return c;
    }

    static ClientConfig client(Cluster cluster) {
        poolCallbacks();
        ClientConfig c = new ClientConfig();
        c.setClusterName(cluster.name());
        c.setInstanceName("jconcurrent-submitter-" + java.util.UUID.randomUUID());
        common(c.getSerializationConfig());
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.client.heartbeat.interval", "1000");
        c.setProperty("hazelcast.client.heartbeat.timeout", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS * 1000));
        c.setProperty("hazelcast.client.statistics.enabled", "false");
        c.addLabel("jconcurrent-submitter");
        c.getNetworkConfig().setAddresses(cluster.addresses());
        c.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(cluster.connectTimeout().toMillis())
                .setInitialBackoffMillis(200).setMaxBackoffMillis(2000);
        return c;
    }

    private static void common(SerializationConfig s) {
        s.addDataSerializableFactory(MemberCall.FACTORY_ID, new MemberCall.Factory());
        // Nothing of ours needs Java deserialization inside Hazelcast: refuse every class.
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(true);
        filter.getWhitelist().addClasses("io.jconcurrent.cluster.NoSuchClass");
        s.setJavaSerializationFilterConfig(filter);
    }
}
