package io.jconcurrent.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of members inside this JVM, on loopback and free ports: for tests and trials. Each member
 * is a real Hazelcast member with its own engine and watchdog; only the JVM is shared.
 *
 * <pre>{@code
 * try (InProcessCluster c = InProcessCluster.start(3, 2)) {
 *     ClusterRun.builder(c.cluster()).command("true").tasks(tasks).build().runAll();
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class InProcessCluster implements AutoCloseable {

    private final List<ClusterMember> members;

    private InProcessCluster(List<ClusterMember> members) {
        this.members = members;
    }

    /**
     * Starts {@code count} members of {@code workers} each, joined to one another.
     *
     * @throws IllegalArgumentException if {@code count} or {@code workers} is less than 1
     */
    public static InProcessCluster start(int count, int workers) {
        if (count < 1) {
            throw new IllegalArgumentException("an in-process cluster needs at least 1 member, got " + count);
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.0.1:" + Addresses.freePort("127.0.0.1"));
        }
        String name = "jconcurrent-" + java.util.UUID.randomUUID();
        List<ClusterMember> started = new ArrayList<>();
        try {
            for (String a : addresses) {
                int port = Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
                started.add(ClusterMember.start(MemberSettings.loopback(port).withJoin(addresses).withWorkers(workers)
                        .withClusterName(name)));
            }
        } catch (RuntimeException e) {
            started.forEach(ClusterMember::close);
            throw e;
        }
        return new InProcessCluster(List.copyOf(started));
    }

    /** How to reach it: every member's address, its name, no secret (loopback only). */
    public Cluster cluster() {
        return Cluster.of(members.stream().map(ClusterMember::address).toList())
                .withName(members.getFirst().settings().clusterName());
    }

    /** Its members, in start order (closed ones included). */
    public List<ClusterMember> members() {
        return members;
    }

    /** Stops every member. */
    @Override
    public void close() {
        for (ClusterMember m : members) {
            m.close();
        }
    }
}
