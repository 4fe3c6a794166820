package io.jconcurrent.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a batch runs: the members to connect to (any of them will do; the submitter learns the rest),
 * the cluster's name and secret, and whether this machine runs tasks too.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.of("10.0.0.5:5701", "10.0.0.6:5701")
 *         .withSecret(ClusterSecret.fromFile(Path.of("/etc/jconcurrent/secret")))
 *         .withIncludeLocal(true);
 * }</pre>
 *
 * @param addresses      members' {@code host:port}, at least one
 * @param name           the cluster's name (members and submitters must agree)
 * @param secret         the cluster's secret; {@link ClusterSecret#none()} only if every address is loopback
 * @param includeLocal   whether this machine runs tasks too, beside the members
 * @param localWorkers   how many tasks this machine runs at once when included
 * @param connectTimeout how long to keep trying to reach a member at the start
 * @param memberWait     how long a batch waits for a member to (re)appear when none is left before it
 *                       fails its remaining tasks
 * @param acceptClasses  more classes admitted in answers from members (as
 *                       {@link java.io.ObjectInputFilter} patterns)
 */
public record Cluster(List<String> addresses, String name, ClusterSecret secret, boolean includeLocal,
                      int localWorkers, Duration connectTimeout, Duration memberWait, List<String> acceptClasses) {

    /**
     * @throws IllegalArgumentException if no address is given or one is malformed, a value is out of
     *                                  range, or the secret is none while an address is not loopback
     */
    public Cluster {
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses")).stream().map(Addresses::check)
                .toList();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one member address (host:port)");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(memberWait, "memberWait");
        acceptClasses = List.copyOf(Objects.requireNonNull(acceptClasses, "acceptClasses"));
        if (localWorkers < 1) {
            throw new IllegalArgumentException("localWorkers must be >= 1, got " + localWorkers);
        }
        if (secret.isNone()) {
            for (String a : addresses) {
                if (!Addresses.isLoopbackHost(Addresses.host(a))) {
                    throw new IllegalArgumentException("member address " + a + " is not loopback: a shared secret is"
                            + " required (--secret-file FILE)");
                }
            }
        }
    }

    /** The members at these addresses, default name, no secret, this machine not included. */
    public static Cluster of(String... addresses) {
        return of(List.of(addresses));
    }

    /** As {@link #of(String...)}. */
    public static Cluster of(List<String> addresses) {
        return new Cluster(addresses, MemberSettings.DEFAULT_CLUSTER_NAME, ClusterSecret.none(), false,
                Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(20), Duration.ofSeconds(30), List.of());
    }

    public Cluster withName(String name) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }

    public Cluster withSecret(ClusterSecret secret) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }

    public Cluster withIncludeLocal(boolean includeLocal) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }

    public Cluster withLocalWorkers(int localWorkers) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }

    public Cluster withConnectTimeout(Duration connectTimeout) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }

    public Cluster withMemberWait(Duration memberWait) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }

    public Cluster withAcceptClasses(List<String> acceptClasses) {
        return new Cluster(addresses, name, secret, includeLocal, localWorkers, connectTimeout, memberWait,
                acceptClasses);
    }
}
