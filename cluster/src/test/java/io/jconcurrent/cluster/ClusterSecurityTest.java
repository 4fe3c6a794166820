package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission: one member with a secret serves the class; submitters with the same secret, another or
 * none, and a raw Hazelcast client that tries to run code or unsealed orders on it.
 */
class ClusterSecurityTest {

    @TempDir
    static Path dir;
    private static ClusterMember member;
    private static ClusterSecret secret;

    @BeforeAll
    static void start() throws Exception {
        secret = ClusterSecret.fromFile(secretFile("a", "0123456789abcdef-one"));
        member = ClusterMember.start(MemberSettings.loopback(0).withWorkers(2).withSecret(secret)
                .withClusterName("jconcurrent-security-test"));
    }

    @AfterAll
    static void stop() {
        if (member != null) {
            member.close();
        }
    }

    static Path secretFile(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static Cluster cluster(ClusterSecret s) {
        return Cluster.of(member.address()).withName("jconcurrent-security-test").withSecret(s)
                .withMemberWait(java.time.Duration.ofSeconds(1));
    }

    @Test
    void submitterWithTheSecretRunsTasks() throws Exception {
        List<ProcResult> r = ClusterRun.builder(cluster(secret)).command("echo").tasks(Task.pairs(1, "a")).build()
                .runAll();
        assertThat(r.getFirst().stdout()).isEqualTo("a\n");
    }

    @Test
    void submitterWithAnotherSecretOrNoneIsRefused() throws Exception {
        ClusterSecret other = ClusterSecret.fromFile(secretFile("b", "0123456789abcdef-two"));
        for (ClusterSecret s : List.of(other, ClusterSecret.none())) {
            assertThatThrownBy(() -> ClusterRun.builder(cluster(s)).command("echo").tasks(Task.pairs(1, "a")).build()
                    .runAll()).isInstanceOf(IllegalStateException.class).hasMessageContaining("accepted");
        }
    }

    @Test
    void secretFileReadableByOthersOrTooShortIsRefused() throws Exception {
        Path open = secretFile("open", "0123456789abcdef-open");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ClusterSecret.fromFile(open)).hasMessageContaining("other users");
        Path shortOne = secretFile("short", "tooshort");
        assertThatThrownBy(() -> ClusterSecret.fromFile(shortOne)).hasMessageContaining("at least 16");
    }

    @Test
    void secretIsRequiredUnlessEveryAddressIsLoopback() {
        assertThatThrownBy(() -> Cluster.of("10.1.2.3:5701")).hasMessageContaining("secret is required");
        assertThatThrownBy(() -> MemberSettings.loopback(5701).withJoin(List.of("10.1.2.3:5701")))
                .hasMessageContaining("secret is required");
        assertThatThrownBy(() -> MemberSettings.loopback(5701).withBindAddress("10.1.2.3"))
                .hasMessageContaining("secret is required");
    }

    @Test
    void memberListensOnItsLoopbackAddressOnly() throws Exception {
        int port = Integer.parseInt(member.address().substring(member.address().lastIndexOf(':') + 1));
        String hexPort = String.format("%04X", port);
        List<String> listening = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Files.readAllLines(Path.of(table)).stream().skip(1).map(String::strip).map(l -> l.split("\\s+"))
                    .filter(f -> f[3].equals("0A") && f[1].endsWith(":" + hexPort)).map(f -> f[1])
                    .forEach(listening::add);
        }
        // 127.0.0.1, as IPv4 or IPv4-mapped IPv6; never a wildcard address
        assertThat(listening).hasSize(1).allSatisfy(a -> assertThat(a).isIn("0100007F:" + hexPort,
                "0000000000000000FFFF00000100007F:" + hexPort));
    }

    /** What a client that does not know the protocol might send: code. */
    public static final class Sneaky implements Callable<String>, Serializable {
        @Override
        public String call() {
            return "ran on the member";
        }
    }

    @Test
    void rawHazelcastClientCanRunNeitherCodeNorUnsealedOrders() throws Exception {
        HazelcastInstance raw = HazelcastClient.newHazelcastClient(HazelcastSetup.client(cluster(ClusterSecret.none())));
        try {
            var member0 = raw.getCluster().getMembers().iterator().next();
            var executor = raw.getExecutorService(HazelcastSetup.TASKS);
            assertThatThrownBy(() -> executor.submitToMember(new Sneaky(), member0).get())
                    .isInstanceOf(ExecutionException.class);
            Wire forged = new Wire(ClusterSecret.none(), List.of());
            assertThatThrownBy(() -> executor.submitToMember(new MemberCall(MemberCall.Kind.HELLO,
                    forged.seal(new Hello(new byte[16], "", 0, ""))), member0).get())
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("not sealed with this cluster's secret");
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void wireRefusesClassesOutsideTheFilterAndBadSeals() {
        Wire wire = new Wire(secret, List.of());
        byte[] sealed = wire.seal(new TaskMessage(java.util.UUID.randomUUID(), 0, 1, null, new Sneaky(), 0, 500));
        assertThatThrownBy(() -> wire.open(sealed, TaskMessage.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Sneaky.class.getName());
        Wire admitting = new Wire(secret, List.of(Sneaky.class.getName()));
        assertThat(admitting.open(sealed, TaskMessage.class).arg()).isInstanceOf(Sneaky.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> wire.open(sealed, TaskMessage.class)).isInstanceOf(SecurityException.class);
    }

    @Test
    void anEndedBatchCannotBeReopenedByAReplay() {
        Watchdog watchdog = Watchdog.start(java.util.UUID.randomUUID().toString());
        MemberEngine engine = new MemberEngine(new Wire(ClusterSecret.none(), List.of()), 1, watchdog,
                getClass().getClassLoader());
        try {
            BatchSpec spec = new BatchSpec(java.util.UUID.randomUUID(), null, List.of("true"), null, List.of(), false,
                    500, new OutputSpec(1024, false), java.util.Map.of(), null, List.of());
            assertThat(engine.open(spec).error()).isNull();
            engine.stop(new StopOrder(spec.batchId(), false));
            assertThat(engine.open(spec).error()).contains("already ended");
        } finally {
            engine.shutDown();
            watchdog.close();
        }
    }
}
