package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.Retry;
import io.jconcurrent.Status;
import io.jconcurrent.Task;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function on a member is called with its task's own key, as on one machine: the key travels with the
 * task as data, under the same filter as args; a key that cannot travel fails its own task, with a cause
 * that says why, and the rest of the batch runs. Two members in this JVM, two workers each.
 */
class FunctionKeysOnClusterTest {

    private static InProcessCluster cluster;

    /** A key class of the test's own: serializable, but no member admits it. */
    record Unadmitted(int n) implements Serializable {
    }

    /** A key class that is not serializable at all. */
    record LocalOnly(int n) {
    }

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

    /** Keys of several types, none of them what a member would number the runs (1, 2, ...). */
    private static List<Task> mixedKeys() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Object key = switch (i % 4) {
                case 0 -> "task-" + i;
                case 1 -> 1000 + i;
                case 2 -> 5_000_000_000L + i;
                default -> List.of("k", i);
            };
            tasks.add(Task.of(key, i));
        }
        tasks.add(Task.of(new UUID(7, 7), "u"));
        return tasks;
    }

    private static List<ProcResult> run(Cluster on, Placement functionsIn, List<Task> tasks) throws Exception {
        return ProcRunMp.builder().function(new KeyEcho(), "fixed").tasks(tasks)
                .placement(ClusterPlacement.of(on).functionsIn(functionsIn)).build().runAll();
    }

    private static void eachSawItsOwnKey(List<ProcResult> results, List<Task> tasks) {
        assertThat(results).hasSize(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            ProcResult r = results.get(i);
            assertThat(r.status()).as(r.cause()).isEqualTo(Status.SUCCEEDED);
            String keyClass = t.key() instanceof List ? "java.util.ArrayList" : t.key().getClass().getName();
            assertThat(r.answer()).isEqualTo(t.key() + " " + keyClass + " [fixed, " + t.arg() + "]");
        }
    }

    @Test
    void aFunctionInAMembersWorkerJvmIsCalledWithItsTasksKey() throws Exception {
        List<Task> tasks = mixedKeys();
        eachSawItsOwnKey(run(cluster.cluster(), Placement.WORKER_JVM, tasks), tasks);
    }

    @Test
    void aFunctionInAMembersOwnJvmAndOnThisMachineIsCalledWithItsTasksKey() throws Exception {
        List<Task> tasks = mixedKeys();
        eachSawItsOwnKey(run(cluster.cluster(), Placement.IN_PROCESS, tasks), tasks);
        eachSawItsOwnKey(run(cluster.cluster().withIncludeLocal(true), Placement.IN_PROCESS, tasks), tasks);
    }

    @Test
    void aRetryOnAMemberIsCalledWithTheSameKey(@TempDir Path dir) throws Exception {
        List<Task> tasks = List.of(Task.of("a", 1), Task.of(2, 2), Task.of("c", 3), Task.of(40, 4));
        List<ProcResult> results = ProcRunMp.builder().function(new KeyEcho(), dir.toString()).tasks(tasks)
                .retry(Retry.times(2)).placement(ClusterPlacement.of(cluster.cluster())).build().runAll();
        assertThat(results).hasSize(4);
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            ProcResult r = results.get(i);
            assertThat(r.status()).as(r.cause()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.attempt()).isEqualTo(2);
            assertThat(r.answer()).isEqualTo(t.key() + " " + t.key().getClass().getName() + " [" + dir + ", "
                    + t.arg() + "]");
        }
    }

    @Test
    void aKeyThatCannotTravelFailsItsTaskWithTheCauseAndTheOthersRun() throws Exception {
        List<Task> tasks = List.of(Task.of("first", 1), Task.of(new LocalOnly(2), 2), Task.of(new Unadmitted(3), 3),
                Task.of("last", 4));
        List<ProcResult> results = run(cluster.cluster(), Placement.IN_PROCESS, tasks);
        assertThat(results).extracting(ProcResult::status)
                .containsExactly(Status.SUCCEEDED, Status.FAILED, Status.FAILED, Status.SUCCEEDED);
        assertThat(results.get(0).answer()).isEqualTo("first java.lang.String [fixed, 1]");
        assertThat(results.get(1).cause()).contains("the task's key", LocalOnly.class.getName(),
                "cannot be sent to a member", "--accept-class");
        assertThat(results.get(2).cause()).contains("the task's key cannot be read here", Unadmitted.class.getName(),
                "--accept-class");
        assertThat(results.get(3).answer()).isEqualTo("last java.lang.String [fixed, 4]");
    }

    @Test
    void aCommandBatchsKeysStayHereAndNeedNotTravel() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("echo").tasks(List.of(Task.of(new LocalOnly(1), "x")))
                .placement(ClusterPlacement.of(cluster.cluster())).build().runAll();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.key()).isEqualTo(new LocalOnly(1));
            assertThat(r.stdout()).isEqualTo("x\n");
        });
    }
}
