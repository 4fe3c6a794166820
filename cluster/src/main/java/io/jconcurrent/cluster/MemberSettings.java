package io.jconcurrent.cluster;

import java.util.List;
import java.util.Objects;

/**
 * How a cluster member runs: where it listens, which members it joins, how many tasks it runs at once,
 * and the cluster's name and secret.
 *
 * <pre>{@code
 * MemberSettings s = MemberSettings.loopback(5701).withJoin(List.of("127.0.0.1:5702")).withWorkers(8);
 * }</pre>
 *
 * @param bindAddress   the only address the member listens on; loopback by default
 * @param port          its TCP port; 0 picks a free one
 * @param join          other members' {@code host:port} to join (TCP-IP; no multicast); empty = none
 * @param clusterName   the cluster's name; members and submitters must agree
 * @param workers       the most tasks this member runs at once, over all batches (at least 1)
 * @param secret        the cluster's shared secret; {@link ClusterSecret#none()} only if the bind address
 *                      and every join address are loopback
 * @param acceptClasses more classes the member deserializes in function args and keys, as
 *                      {@link java.io.ObjectInputFilter} patterns (for example {@code com.example.*})
 */
public record MemberSettings(String bindAddress, int port, List<String> join, String clusterName, int workers,
                             ClusterSecret secret, List<String> acceptClasses) {

    /** The cluster name used when none is given. */
    public static final String DEFAULT_CLUSTER_NAME = "jconcurrent";
    /** The port used when none is given (Hazelcast's usual one). */
    public static final int DEFAULT_PORT = 5701;

    /**
     * @throws IllegalArgumentException if a value is out of range or an address malformed, or if the
     *                                  secret is none while an address is not loopback
     */
    public MemberSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(secret, "secret");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("a member needs at least 1 worker, got " + workers);
        }
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        join = List.copyOf(Objects.requireNonNull(join, "join")).stream().map(Addresses::check).toList();
        acceptClasses = List.copyOf(Objects.requireNonNull(acceptClasses, "acceptClasses"));
        if (secret.isNone()) {
            if (!Addresses.isLoopbackHost(bindAddress)) {
                throw new IllegalArgumentException("member listens on " + bindAddress + ", which is not loopback:"
                        + " a shared secret is required (--secret-file FILE)");
            }
            for (String a : join) {
                if (!Addresses.isLoopbackHost(Addresses.host(a))) {
                    throw new IllegalArgumentException("join address " + a + " is not loopback: a shared secret is"
                            + " required (--secret-file FILE)");
                }
            }
        }
    }

    /** A member on 127.0.0.1 at {@code port}, joining no one, with one worker per processor and no secret. */
    public static MemberSettings loopback(int port) {
        return new MemberSettings("127.0.0.1", port, List.of(), DEFAULT_CLUSTER_NAME,
                Runtime.getRuntime().availableProcessors(), ClusterSecret.none(), List.of());
    }

    public MemberSettings withBindAddress(String bindAddress) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }

    public MemberSettings withPort(int port) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }

    public MemberSettings withJoin(List<String> join) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }

    public MemberSettings withClusterName(String clusterName) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }

    public MemberSettings withWorkers(int workers) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }

    public MemberSettings withSecret(ClusterSecret secret) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }

    public MemberSettings withAcceptClasses(List<String> acceptClasses) {
        return new MemberSettings(bindAddress, port, join, clusterName, workers, secret, acceptClasses);
    }
}
