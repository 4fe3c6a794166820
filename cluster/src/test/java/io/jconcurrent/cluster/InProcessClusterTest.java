package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.Outcome;
import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch on a two-member cluster in this JVM: the same results as a local run. One cluster for the class. */
class InProcessClusterTest {

    private static InProcessCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = InProcessCluster.start(2, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void commandsRunOnBothMembersWithOneResultPerKeyInInputOrder() throws Exception {
        String mark = ProcessLeaks.newMarker();
        List<Task> tasks = IntStream.range(0, 60).mapToObj(i -> Task.of("k" + i, i)).toList();
        Map<Object, String> hosts = new ConcurrentHashMap<>();
        List<ProcResult> results = ClusterRun.builder(cluster.cluster())
                .command("sh", "-c", "echo out $0")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(tasks)
                .listener((r, host, attempt) -> assertThat(hosts.put(r.key(), host)).isNull())
                .build().runAll();
        assertThat(results).extracting(ProcResult::key).containsExactlyElementsOf(tasks.stream().map(Task::key).toList());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.stdout()).isEqualTo("out " + r.arg() + "\n");
        });
        assertThat(hosts.values()).containsAll(cluster.members().stream().map(ClusterMember::address).toList());
        ProcessLeaks.assertNoneLeft(mark);
    }

    @Test
    void timeoutKillsTheWholeTreeOnTheMember() throws Exception {
        String mark = ProcessLeaks.newMarker();
        List<ProcResult> results = ClusterRun.builder(cluster.cluster())
                .command("sh", "-c")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(List.of(Task.of(1, "sleep 100 & setsid sleep 101 & sleep 102")))
                .timeout(Duration.ofSeconds(1))
                .build().runAll();
        assertThat(results.getFirst().status()).isEqualTo(Status.TIMED_OUT);
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }

    @Test
    void functionRunsByClassNameInWorkerJvmAndInProcess() throws Exception {
        for (Placement p : Placement.values()) {
            List<ProcResult> results = ClusterRun.builder(cluster.cluster())
                    .function(new Square(), "fixed")
                    .placement(p)
                    .tasks(Task.pairs("a", 3, "b", 4))
                    .build().runAll();
            assertThat(results).extracting(ProcResult::answer).as(p.toString()).containsExactly("fixed:9", "fixed:16");
        }
    }

    @Test
    void lambdaIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ClusterRun.builder(cluster.cluster()).function((k, a) -> Outcome.ok(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
    }

    @Test
    void includeLocalRunsTasksHereToo() throws Exception {
        List<String> hosts = java.util.Collections.synchronizedList(new ArrayList<>());
        ClusterRun.builder(cluster.cluster().withIncludeLocal(true).withLocalWorkers(2))
                .command("sh", "-c", "sleep 0.05")
                .tasks(IntStream.range(0, 80).mapToObj(i -> Task.of(i, null)).toList())
                .listener((r, host, attempt) -> hosts.add(host))
                .build().runAll();
        assertThat(hosts).hasSize(80).contains(LocalTarget.NAME);
    }
}
