package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.Task;
import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Members lost mid-batch, in this JVM (the fast variant of the multi-JVM tests): a crashed member is cut
 * off with no goodbye and its tasks' processes are killed by its watchdog, as after {@code kill -9}. One
 * cluster of five members serves both tests, in order: the first loses one member, the second three.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InProcessFailoverTest {

    private static InProcessCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(5, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<ClusterMember> alive() {
        return cluster.members().stream().filter(m -> m.clusterSize() > 0).toList();
    }

    @Test
    @Order(1)
    void memberKilledAt30PercentLosesNoTaskAndRunsFewTwice(@TempDir Path dir) throws Exception {
        String mark = ProcessLeaks.newMarker();
        Path log = dir.resolve("log");
        int n = 300;
        AtomicInteger done = new AtomicInteger();
        ClusterMember victim = alive().get(1);
        Map<Object, Integer> resultsPerKey = new HashMap<>();
        Map<Object, String> placed = new java.util.concurrent.ConcurrentHashMap<>();
        ClusterRun run = ClusterRun.builder(cluster.cluster())
                .command("sh", "-c", "echo start $0 >> " + log + "; sleep 0.02; echo end $0 >> " + log)
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(IntStream.range(0, n).mapToObj(i -> Task.of(i, i)).toList())
                .listener((r, host, attempt) -> {
                    placed.put(r.key(), host + " attempt " + attempt);
                    synchronized (resultsPerKey) {
                        resultsPerKey.merge(r.key(), 1, Integer::sum);
                    }
                    if (done.incrementAndGet() == n * 3 / 10) {
                        Thread.ofVirtual().start(victim::crash);
                    }
                })
                .build();
        List<ProcResult> results = run.runAll();

        assertThat(results).hasSize(n).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.SUCCEEDED));
        assertThat(resultsPerKey).hasSize(n).allSatisfy((k, count) -> assertThat(count).isEqualTo(1));
        List<String> lines = Files.readAllLines(log);
        Map<String, Integer> starts = new HashMap<>();
        for (String l : lines) {
            if (l.startsWith("start ")) {
                starts.merge(l.substring(6), 1, Integer::sum);
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(lines).as("task %d finished at least once", i).contains("end " + i);
        }
        // A task runs twice only if it had started on the victim and the submitter had not acknowledged its
        // result when the victim died: cut off mid-run, or ended with its result still on the way (its "end"
        // comes before its second "start"). The victim holds a worker's slot until the acknowledgement, so
        // both together are at most its -j.
        List<String> twice = new ArrayList<>();
        starts.forEach((key, count) -> {
            if (count > 1) {
                twice.add(key);
            }
        });
        String detail = starts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " on " + placed.get(Integer.valueOf(e.getKey()))).toList() + " victim "
                + victim.address() + " lines " + lines.stream().filter(l -> starts.getOrDefault(l.substring(l.indexOf(' ')
                + 1), 0) > 1).toList();
        assertThat(twice).as("tasks started twice: " + detail).hasSizeLessThanOrEqualTo(victim.settings().workers());
        assertThat(run.stats().membersLost()).containsExactly(victim.address());
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }

    @Test
    @Order(2)
    void taskThatKillsItsMemberFailsAfterThreeLossesAndTheBatchFinishes(@TempDir Path dir) throws Exception {
        assertThat(alive()).hasSizeGreaterThanOrEqualTo(4);
        String mark = ProcessLeaks.newMarker();
        Path poisoned = dir.resolve("poisoned");
        Files.createFile(poisoned);
        List<Task> tasks = new ArrayList<>();
        tasks.add(Task.of("poison", "echo $JCONCURRENT_MEMBER >> " + poisoned + "; sleep 30"));
        IntStream.range(0, 40).forEach(i -> tasks.add(Task.of(i, "sleep 0.05")));
        // The poison "kills" whichever member runs it: this thread crashes the member it names.
        Thread killer = Thread.ofVirtual().start(() -> {
            int seen = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    List<String> marks = Files.readAllLines(poisoned);
                    for (; seen < marks.size(); seen++) {
                        String m = marks.get(seen);
                        cluster.members().stream().filter(x -> x.mark().equals(m)).forEach(ClusterMember::crash);
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ClusterRun run = ClusterRun.builder(cluster.cluster())
                .command("sh", "-c")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(tasks)
                .build();
        List<ProcResult> results;
        try {
            results = run.runAll();
        } finally {
            killer.interrupt();
            killer.join();
        }
        ProcResult poison = results.getFirst();
        assertThat(poison.status()).isEqualTo(Status.FAILED);
        assertThat(poison.cause()).contains("lost 3 cluster members");
        assertThat(results.subList(1, results.size())).hasSize(40)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.SUCCEEDED));
        assertThat(run.stats().membersLost()).hasSize(3);
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }
}
