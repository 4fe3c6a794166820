package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.Halt;
import io.jconcurrent.Outcome;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.Retry;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core builders with a {@link ClusterPlacement}: three members in this JVM, two workers each, and
 * the engine's own results, listener, retries, halts, timeouts and cancel. The last test crashes a member.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPlacementTest {

    private static InProcessCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(3, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ClusterPlacement placement() {
        return ClusterPlacement.of(cluster.cluster());
    }

    @Test
    @Order(1)
    void theBuilderRunsABatchOnMembersWithItsListenerAndKeysThatNeedNotTravel() throws Exception {
        record Key(int n) { } // not serializable: a command batch's keys stay on this machine
        Map<Object, Integer> heard = new ConcurrentHashMap<>();
        Map<Object, String> hosts = new ConcurrentHashMap<>();
        List<ProcResult> results = ProcRunMp.builder()
                .command("echo")
                .tasks(IntStream.range(0, 30).mapToObj(i -> Task.of(new Key(i), "line " + i)).toList())
                .listener(r -> heard.merge(r.key(), 1, Integer::sum))
                .placement(placement().withMemberListener((task, host, deliveries) -> hosts.put(task.key(), host)))
                .build()
                .runAll();
        assertThat(results).hasSize(30);
        for (int i = 0; i < 30; i++) {
            ProcResult r = results.get(i);
            assertThat(r.key()).isEqualTo(new Key(i));
            assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.stdout()).isEqualTo("line " + i + "\n");
            assertThat(r.returnCode()).isZero();
        }
        assertThat(heard).hasSize(30).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
        List<String> addresses = cluster.members().stream().map(ClusterMember::address).toList();
        assertThat(hosts).hasSize(30).allSatisfy((k, h) -> assertThat(addresses).contains(h));
    }

    @Test
    @Order(2)
    void functionsRunOnMembersAndLambdasAreRefusedBeforeAnythingRuns() throws Exception {
        List<ProcResult> results = ProcRunAsync.builder()
                .function(new Square(), "sq")
                .tasks(Task.pairs(1, 3, 2, 4))
                .placement(placement().functionsIn(Placement.IN_PROCESS))
                .build().runAll().get();
        assertThat(results).extracting(ProcResult::answer).containsExactly("sq:9", "sq:16");
        assertThatThrownBy(() -> ProcRunMp.builder().function((k, a) -> Outcome.ok(null)).tasks(Task.pairs(1, 1))
                .placement(placement()).build().runAll())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
    }

    @Test
    @Order(2)
    void exactBytesComeBackAsALocalRunKeepsThem(@TempDir Path dir) throws Exception {
        byte[] data = new byte[5000];
        new java.util.Random(12).nextBytes(data);
        data[0] = (byte) 0xff; // never valid UTF-8
        Path file = dir.resolve("data");
        Files.write(file, data);
        String script = "cat " + file + "; head -c 777 " + file + " >&2";
        List<Task> tasks = List.of(Task.of(1, null));
        for (OutputPolicy policy : List.of(OutputPolicy.bytes(), OutputPolicy.bytes(1000), OutputPolicy.bytes(0))) {
            ProcResult local = ProcRunMp.builder().command("sh", "-c", script).tasks(tasks).output(policy).build()
                    .runAll().getFirst();
            ProcResult remote = ProcRunMp.builder().command("sh", "-c", script).tasks(tasks).output(policy)
                    .placement(placement()).build().runAll().getFirst();
            long kept = Math.min(5000, ((OutputPolicy.Bytes) policy).limitBytes());
            assertThat(local.stdoutBytes().toByteArray()).as(policy.toString())
                    .isEqualTo(java.util.Arrays.copyOf(data, (int) kept));
            assertThat(remote.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(remote.stdoutBytes().toByteArray()).as(policy.toString())
                    .isEqualTo(local.stdoutBytes().toByteArray());
            assertThat(remote.stderrBytes().toByteArray()).isEqualTo(local.stderrBytes().toByteArray());
            assertThat(remote.stdoutBytes().omitted()).isEqualTo(local.stdoutBytes().omitted()).isEqualTo(5000 - kept);
            assertThat(remote.stderrBytes().omitted()).isEqualTo(local.stderrBytes().omitted());
            assertThat(remote.stdoutTruncated()).isEqualTo(local.stdoutTruncated());
            assertThat(remote.stdout()).isEqualTo(local.stdout()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void exactBytesPastWhatAMemberSendsBackFailTheTaskSayingSo() throws Exception {
        long past = OutputSpec.BYTES_LIMIT + 1;
        ProcResult r = ProcRunMp.builder().command("sh", "-c", "head -c " + past + " /dev/zero; echo done >&2")
                .tasks(List.of(Task.of(1, null))).output(OutputPolicy.bytes()).placement(placement()).build()
                .runAll().getFirst();
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.cause()).contains("passed the 64 MiB per stream").contains("OutputPolicy.bytes(limit)");
        assertThat(r.stdoutBytes().size()).isEqualTo(OutputSpec.BYTES_LIMIT);
        assertThat(r.stderrBytes().text()).isEqualTo("done\n");
        r.stdoutBytes().release();
    }

    @Test
    @Order(2)
    void outputPastTheCapComesBackExactlyAsALocalRunKeepsIt() throws Exception {
        String script = "i=0; while [ $i -lt 700 ]; do echo \"line $i é\"; i=$((i+1)); done; echo err >&2";
        List<Task> tasks = List.of(Task.of(1, null));
        ProcResult local = ProcRunMp.builder().command("sh", "-c", script).tasks(tasks)
                .output(io.jconcurrent.OutputPolicy.capture(1000)).build().runAll().getFirst();
        ProcResult remote = ProcRunMp.builder().command("sh", "-c", script).tasks(tasks)
                .output(io.jconcurrent.OutputPolicy.capture(1000)).placement(placement()).build().runAll().getFirst();
        assertThat(local.stdoutTruncated()).isTrue();
        assertThat(remote.stdoutTruncated()).isTrue();
        assertThat(remote.stdout()).isEqualTo(local.stdout()).contains("bytes omitted");
        assertThat(remote.stderr()).isEqualTo("err\n");
    }

    @Test
    @Order(3)
    void theEngineRetriesAFailedTaskOnAMemberUnderTheSameKey(@TempDir Path dir) throws Exception {
        // Each task fails on its first two runs and succeeds on its third.
        String script = "n=$(cat " + dir + "/$0 2>/dev/null || echo 0); echo $((n+1)) > " + dir + "/$0;"
                + " echo run $((n+1)); [ $n -ge 2 ]";
        AtomicInteger retried = new AtomicInteger();
        List<ProcResult> results = ProcRunMp.builder()
                .command("sh", "-c", script)
                .tasks(IntStream.range(0, 8).mapToObj(i -> Task.of("k" + i, "t" + i)).toList())
                .retry(Retry.times(3).onEachAttempt(r -> retried.incrementAndGet()))
                .placement(placement())
                .build().runAll();
        assertThat(results).hasSize(8).allSatisfy(r -> {
            assertThat(r.status()).as(r.cause()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.attempt()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("run 3\n");
        });
        assertThat(retried).hasValue(16);
    }

    @Test
    @Order(4)
    void aHaltStopsTheRunningTasksOnEveryMember(@TempDir Path dir) throws Exception {
        String mark = ProcessLeaks.newMarker();
        // The first two tasks to start fail, once all six slots are busy (or after 10 s); every other
        // task sleeps until it is stopped. Which two start first is not fixed: the engine starts every
        // task the members' windows hold at once, so tasks reach a member, and start there, in whatever
        // order their threads run (a halt that waited for two given tasks could wait behind the sleeps).
        Path started = Files.createDirectories(dir.resolve("started"));
        String script = "mkdir " + started + "/$0; if mkdir " + dir + "/fail1 2>/dev/null || mkdir " + dir
                + "/fail2 2>/dev/null; then i=0; while [ $(ls " + started + " | wc -l) -lt 6 ] && [ $i -lt 200 ];"
                + " do sleep 0.05; i=$((i+1)); done; exit 3; fi; sleep 60";
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunMp.builder().command("sh", "-c", script)
                .environment(ProcessLeaks.markedEnvironment(mark))
                .halt(Halt.now().afterFailures(2))
                .tasks(IntStream.range(0, 22).mapToObj(i -> Task.of(i, Integer.toString(i))).toList())
                .placement(placement())
                .build().runAll();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(results).hasSize(22);
        assertThat(results.stream().filter(r -> r.status() == Status.FAILED)).hasSize(2)
                .allSatisfy(r -> assertThat(r.returnCode()).isEqualTo(3));
        assertThat(results.stream().filter(r -> r.status() != Status.FAILED)).hasSize(20).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.CANCELLED);
            assertThat(r.stopReason()).isEqualTo(StopReason.HALT);
        });
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }

    @Test
    @Order(5)
    void cancellingTheFutureStopsTheBatchOnEveryMember() throws Exception {
        String mark = ProcessLeaks.newMarker();
        ProcRunAsync run = ProcRunAsync.builder().command("sleep", "60")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(IntStream.range(0, 10).mapToObj(i -> Task.of(i, null)).toList())
                .placement(placement())
                .build();
        CompletableFuture<List<ProcResult>> future = run.runAll();
        while (ProcessLeaks.withMarker(mark).size() < 6) {
            ProcessLeaks.pause(20);
        }
        future.cancel(true);
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (run.results().size() < 10 && System.nanoTime() < deadline) {
            ProcessLeaks.pause(20);
        }
        assertThat(run.results()).hasSize(10).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.CANCELLED));
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }

    @Test
    @Order(6)
    void aTimeoutCountsFromTheTasksStartOnItsMemberAndKillsItsTreeThere() throws Exception {
        String mark = ProcessLeaks.newMarker();
        // 6 slots: the second six wait on their members for the first six, longer than the limit
        // counted from their sending; they must not time out for it.
        List<Task> tasks = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> tasks.add(Task.of(i, "sleep 1.2")));
        tasks.add(Task.of("slow", "sleep 100 & setsid sleep 101 & sleep 102"));
        List<ProcResult> results = ProcRunMp.builder().command("sh", "-c")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .timeout(Duration.ofSeconds(3))
                .tasks(tasks)
                .placement(placement())
                .build().runAll();
        assertThat(results.subList(0, 12)).allSatisfy(r -> assertThat(r.status()).as(r.cause())
                .isEqualTo(Status.SUCCEEDED));
        ProcResult slow = results.get(12);
        assertThat(slow.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(slow.cause()).contains("timed out after 3");
        assertThat(Duration.ofNanos(slow.timeRunNanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }

    @Test
    @Order(7)
    void aMemberKilledMidBatchLosesNothing(@TempDir Path dir) throws Exception {
        String mark = ProcessLeaks.newMarker();
        Path log = dir.resolve("log");
        int n = 200;
        AtomicInteger done = new AtomicInteger();
        ClusterMember victim = cluster.members().get(1);
        Map<Object, Integer> perKey = new HashMap<>();
        ClusterPlacement p = placement();
        List<ProcResult> results = ProcRunMp.builder()
                .command("sh", "-c", "sleep 0.02; echo end $0 >> " + log)
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(IntStream.range(0, n).mapToObj(i -> Task.of(i, i)).toList())
                .listener(r -> {
                    synchronized (perKey) {
                        perKey.merge(r.key(), 1, Integer::sum);
                    }
                    if (done.incrementAndGet() == n * 3 / 10) {
                        Thread.ofVirtual().start(victim::crash);
                    }
                })
                .placement(p)
                .build().runAll();
        assertThat(results).hasSize(n).allSatisfy(r -> {
            assertThat(r.status()).as(r.cause()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.attempt()).isEqualTo(1); // a member's loss is not one of the task's runs
        });
        assertThat(perKey).hasSize(n).allSatisfy((k, c) -> assertThat(c).isEqualTo(1));
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < n; i++) {
            assertThat(lines).as("task %d finished at least once", i).contains("end " + i);
        }
        assertThat(p.stats().membersLost()).containsExactly(victim.address());
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }
}
