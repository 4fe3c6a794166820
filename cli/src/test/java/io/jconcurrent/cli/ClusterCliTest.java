package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.Task;
import io.jconcurrent.cluster.Cluster;
import io.jconcurrent.cluster.ClusterRun;
import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's cluster tests, with real JVMs: members started by {@code bin/jconcurrent --serve} on
 * loopback and free ports (TCP join, no multicast), a client that is {@code bin/jconcurrent --cluster}
 * (or the library, for functions), real signals. Every JVM and process a test starts is gone at its end,
 * checked by the marker they all carry.
 */
class ClusterCliTest {

    @TempDir
    Path dir;
    private String marker;
    private final List<MemberJvm> members = new ArrayList<>();
    private final List<Cli.Running> clients = new ArrayList<>();

    @BeforeEach
    void mark() {
        marker = ProcessLeaks.newMarker();
    }

    @AfterEach
    void stopMembersAndCheckNothingIsLeft() throws InterruptedException {
        for (Cli.Running c : clients) {
            c.process.destroyForcibly().waitFor();
        }
        members.forEach(MemberJvm::close);
        ProcessLeaks.assertNoneLeft(marker);
    }

    private List<MemberJvm> startMembers(int count, int jobs, List<List<String>> extra) throws IOException {
        List<MemberJvm> started = MemberJvm.start(dir, marker, count, jobs, extra);
        members.addAll(started);
        return started;
    }

    private Cli.Running startClient(List<String> args) throws IOException {
        Cli.Running c = new Cli(dir, marker).start(null, args.toArray(String[]::new));
        clients.add(c);
        return c;
    }

    private static List<String> joblogRows(Path joblog) throws IOException {
        List<String> lines = Files.exists(joblog) ? Files.readAllLines(joblog, StandardCharsets.UTF_8) : List.of();
        return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
    }

    /** The values of the Command column's last word (the task's arg) in a joblog. */
    private static List<String> argsIn(List<String> rows) {
        return rows.stream().map(r -> r.split("\t")[8]).map(c -> c.substring(c.lastIndexOf(' ') + 1)).toList();
    }

    private static List<String> args(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    private static List<String> argv(List<String> head, List<String> tasks) {
        List<String> all = new ArrayList<>(head);
        all.add(":::");
        all.addAll(tasks);
        return all;
    }

    @Test
    void memberKilledAt30PercentLosesNoTaskAndRunsAtMostItsJobsTwice() throws Exception {
        List<MemberJvm> m = startMembers(3, 2, List.of());
        Path log = dir.resolve("lines");
        Path joblog = dir.resolve("joblog");
        int n = 1000;
        Cli.Running client = startClient(argv(List.of("--cluster", MemberJvm.addresses(m),
                "--joblog", joblog.toString(), "sh", "-c",
                "echo start $0 >> " + log + "; sleep 0.05; echo end $0 >> " + log), args(n)));
        MemberJvm victim = m.get(1);
        String victimMark = victim.watchdogMark();
        while (!Files.exists(joblog) || joblogRows(joblog).size() < n * 3 / 10) {
            assertThat(client.process.isAlive()).as("client still running").isTrue();
            ProcessLeaks.pause(20);
        }
        victim.signal("KILL");
        long killed = System.nanoTime();
        victim.process.waitFor();
        MemberProcesses.awaitNoneMarked(victimMark, 2_000 - (System.nanoTime() - killed) / 1_000_000);

        Cli.Result r = client.await();
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = joblogRows(joblog);
        assertThat(argsIn(rows)).as("one joblog row per key").hasSize(n).containsExactlyInAnyOrderElementsOf(args(n));
        assertThat(rows).allSatisfy(row -> assertThat(row.split("\t")[1]).isIn(
                m.stream().map(x -> x.address).toList()));
        List<String> lines = Files.readAllLines(log);
        Set<String> ended = lines.stream().filter(l -> l.startsWith("end ")).map(l -> l.substring(4))
                .collect(Collectors.toSet());
        assertThat(ended).as("every task finished at least once").containsAll(args(n));
        Map<String, Integer> starts = new HashMap<>();
        lines.stream().filter(l -> l.startsWith("start ")).forEach(l -> starts.merge(l.substring(6), 1, Integer::sum));
        // Ran twice: started on the victim and its result not yet acknowledged by the client when it died (cut
        // off mid-run, or ended with the result on the way): the victim holds a slot until then, so at most its -j.
        List<String> twice = starts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertThat(twice).as("tasks started twice (the killed member's -j is 2)").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void frozenMemberIsDetectedAndItsLateResultsAreDropped() throws Exception {
        List<MemberJvm> m = startMembers(2, 2, List.of());
        Path joblog = dir.resolve("joblog");
        Path log = dir.resolve("lines");
        int n = 40;
        Cli.Running client = startClient(argv(List.of("--cluster", MemberJvm.addresses(m),
                "--joblog", joblog.toString(), "sh", "-c", "echo start $0 >> " + log + "; sleep 0.3; echo $0"),
                args(n)));
        while (!Files.exists(joblog) || joblogRows(joblog).size() < 6) {
            ProcessLeaks.pause(20);
        }
        MemberJvm frozen = m.get(1);
        frozen.signal("STOP");
        // Detected by the submitter's pings: the batch goes on and ends on the other member.
        Cli.Result r;
        try {
            while (client.process.isAlive() && joblogRows(joblog).size() < n - 4) {
                ProcessLeaks.pause(50);
            }
        } finally {
            frozen.signal("CONT"); // its tasks finish now, and their results come too late
        }
        r = client.await();
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = joblogRows(joblog);
        assertThat(argsIn(rows)).hasSize(n).containsExactlyInAnyOrderElementsOf(args(n));
        // taken for lost by the submitter's own liveness check, not Hazelcast's slower heartbeat timeout
        assertThat(r.err()).contains("member " + frozen.address + " lost (no sign of life for");
        // what ran twice: what it was running when frozen, and what it started on waking before the stop
        Map<String, Integer> starts = new HashMap<>();
        Files.readAllLines(log).forEach(l -> starts.merge(l, 1, Integer::sum));
        assertThat(starts.values().stream().filter(c -> c > 1).count()).as("tasks started twice").isLessThanOrEqualTo(4);
    }

    @Test
    void timeoutOnAMemberKillsTheWholeTree() throws Exception {
        List<MemberJvm> m = startMembers(1, 2, List.of());
        Path joblog = dir.resolve("joblog");
        Cli.Result r = new Cli(dir, marker).run("--cluster", m.getFirst().address, "--timeout", "1", "--joblog",
                joblog.toString(), "sh", "-c", ":::", "sleep 100 & setsid sleep 101 & sleep 102");
        assertThat(r.exit()).isEqualTo(1);
        String row = joblogRows(joblog).getFirst();
        assertThat(row.split("\t")[1]).isEqualTo(m.getFirst().address);
        assertThat(row.split("\t")[6]).isEqualTo("-1");
        MemberProcesses.awaitNoneMarked(m.getFirst().watchdogMark(), 2_000);
    }

    @Test
    void killedClientThenResumeRunsOnlyTheRest() throws Exception {
        List<MemberJvm> m = startMembers(2, 2, List.of());
        Path joblog = dir.resolve("joblog");
        int n = 100;
        List<String> head = List.of("--cluster", MemberJvm.addresses(m), "--joblog", joblog.toString(), "sh", "-c",
                "sleep 0.1; echo $0");
        Cli cli = new Cli(dir, marker);
        Cli.Running first = startClient(argv(head, args(n)));
        while (!Files.exists(joblog) || joblogRows(joblog).size() < n * 3 / 10) {
            ProcessLeaks.pause(20);
        }
        first.process.destroyForcibly().waitFor();
        // The members stop the dead client's trees by themselves.
        for (MemberJvm x : m) {
            MemberProcesses.awaitNoneMarked(x.watchdogMark(), 10_000);
        }
        List<String> done = argsIn(joblogRows(joblog));
        List<String> resumed = new ArrayList<>(head);
        resumed.add(2, "--resume");
        Cli.Result r = cli.run(argv(resumed, args(n)).toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> all = argsIn(joblogRows(joblog));
        List<String> second = all.subList(done.size(), all.size());
        assertThat(second).doesNotContainAnyElementsOf(done);
        assertThat(all).containsExactlyInAnyOrderElementsOf(args(n));
    }

    @Test
    void functionClassMissingOnOneMemberFailsTheBatchBeforeItStarts() throws Exception {
        Path classes = Path.of(ClusterProbeFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<MemberJvm> m = startMembers(2, 1, List.of(List.of("--classpath", classes.toString())));
        Cluster cluster = Cluster.of(m.get(0).address, m.get(1).address);
        Path ran = dir.resolve("ran");
        ClusterRun run = ClusterRun.builder(cluster).function(new ClusterProbeFunction(), ran.toString())
                .tasks(List.of(Task.of(1, "x"))).build();
        assertThatThrownBy(run::runAll).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ClusterProbeFunction.class.getName())
                .hasMessageContaining(m.get(1).address)
                .hasMessageNotContaining(m.get(0).address);
        assertThat(ran).doesNotExist();
        // Once the member without it has left, the batch runs, in a worker JVM of the other.
        m.get(1).close();
        var results = ClusterRun.builder(Cluster.of(m.get(0).address)).function(new ClusterProbeFunction(),
                ran.toString()).tasks(List.of(Task.of(1, "x"))).build().runAll();
        assertThat(results.getFirst().success()).as(String.valueOf(results.getFirst())).isTrue();
        assertThat(ran).exists();
    }

    @Test
    void taskThatKillsItsMemberFailsAfterThreeLossesAndTheBatchFinishes() throws Exception {
        List<MemberJvm> m = startMembers(4, 1, List.of());
        Path joblog = dir.resolve("joblog");
        List<String> tasks = new ArrayList<>();
        // The poison kills the member JVM it runs under (its nearest ancestor started with --serve).
        tasks.add("p=$$; while [ \"$p\" -gt 1 ]; do if tr '\\0' ' ' < /proc/$p/cmdline | grep -q -e '--ser[v]e'; then"
                + " kill -9 $p; break; fi; p=$(cut -d' ' -f4 /proc/$p/stat); done; sleep 5");
        IntStream.range(0, 20).forEach(i -> tasks.add("sleep 0.1"));
        Cli.Result r = new Cli(dir, marker).run(argv(List.of("--cluster", MemberJvm.addresses(m), "--joblog",
                joblog.toString(), "sh", "-c"), tasks).toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        List<String> rows = joblogRows(joblog);
        assertThat(rows).hasSize(21);
        assertThat(m.stream().filter(x -> !x.process.isAlive()).count()).isEqualTo(3);
        assertThat(r.err()).contains("lost 3 cluster members");
    }
}
