package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.Outcome;
import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.Task;
import io.jconcurrent.testing.ProcessLeaks;
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
        for (Placement p : List.of(Placement.IN_PROCESS, Placement.WORKER_JVM)) {
            List<ProcResult> results = ClusterRun.builder(cluster.cluster())
                    .function(new Square(), "fixed")
                    .placement(p)
                    .tasks(Task.pairs("a", 3, "b", 4))
                    .build().runAll();
            assertThat(results).extracting(ProcResult::answer).as(p.toString()).containsExactly("fixed:9", "fixed:16");
        }
    }

    @Test
    void aFunctionsExceptionComesBackAsItsClassMessageAndCause() throws Exception {
        ProcResult r = ClusterRun.builder(cluster.cluster()).function(new Throwing()).placement(Placement.IN_PROCESS)
                .tasks(Task.pairs("k", 7)).build().runAll().getFirst();
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.exception()).isInstanceOf(RemoteTaskException.class).hasMessageContaining("bad 7");
        assertThat(((RemoteTaskException) r.exception()).remoteClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(r.exception().getCause()).hasMessageContaining("disk");
    }

    @Test
    void manyTasksComeBackEachWithItsOwnOutput() throws Exception {
        List<ProcResult> results = ClusterRun.builder(cluster.cluster()).command("echo")
                .tasks(IntStream.range(0, 40).mapToObj(i -> Task.of(i, i)).toList()).build().runAll();
        assertThat(results).hasSize(40).allSatisfy(r -> assertThat(r.stdout()).isEqualTo(r.arg() + "\n"));
    }

    @Test
    void lambdaIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ClusterRun.builder(cluster.cluster()).function((k, a) -> Outcome.ok(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
    }

    @Test
    void anonymousClassesAndInstanceStateAreRefused() {
        assertThatThrownBy(() -> ClusterRun.builder(cluster.cluster()).function(new io.jconcurrent.TaskFunction() {
            @Override
            public Outcome apply(Object key, List<Object> args) {
                return Outcome.ok(null);
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anonymous");
        assertThatThrownBy(() -> ClusterRun.builder(cluster.cluster()).function(new Stateful()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance field 'state'");
    }

    /** A function whose state would not travel. */
    public static final class Stateful implements io.jconcurrent.TaskFunction {
        private int state = 1;

        @Override
        public Outcome apply(Object key, List<Object> args) {
            return Outcome.ok(state);
        }
    }

    @Test
    void missingWorkingDirectoryFailsTheBatchBeforeItStartsNamingTheMember() {
        assertThatThrownBy(() -> ClusterRun.builder(cluster.cluster()).command("true")
                .directory(java.nio.file.Path.of("/no/such/dir")).tasks(Task.pairs(1, null)).build().runAll())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/dir")
                .hasMessageContaining(cluster.members().getFirst().address());
    }

    @Test
    void cancelStopsTheTreesOnEveryMember() throws Exception {
        String mark = ProcessLeaks.newMarker();
        ClusterRun run = ClusterRun.builder(cluster.cluster()).command("sh", "-c", "sleep 60 & sleep 61")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(IntStream.range(0, 10).mapToObj(i -> Task.of(i, null)).toList()).build();
        Thread canceller = Thread.ofVirtual().start(() -> {
            while (ProcessLeaks.withMarker(mark).size() < 8) {
                ProcessLeaks.pause(20);
            }
            run.cancel();
        });
        List<ProcResult> results = run.runAll();
        canceller.join();
        assertThat(results).hasSize(10).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.CANCELLED));
        ProcessLeaks.assertNoneLeft(mark);
    }

    @Test
    void interruptingRunAllStopsTheBatchEverywhereFirst() throws Exception {
        String mark = ProcessLeaks.newMarker();
        ClusterRun run = ClusterRun.builder(cluster.cluster()).command("sleep", "60")
                .environment(ProcessLeaks.markedEnvironment(mark))
                .tasks(IntStream.range(0, 6).mapToObj(i -> Task.of(i, null)).toList()).build();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                run.runAll();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        while (ProcessLeaks.withMarker(mark).size() < 4) {
            ProcessLeaks.pause(20);
        }
        runner.interrupt();
        runner.join(30_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(run.results()).hasSize(6).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.CANCELLED));
        ProcessLeaks.assertNoneLeft(mark);
    }

    @Test
    void failFastStopsTheBatchEverywhere() throws Exception {
        String mark = ProcessLeaks.newMarker();
        List<Task> tasks = new ArrayList<>();
        tasks.add(Task.of("bad", "sleep 0.5; exit 3"));
        IntStream.range(0, 3).forEach(i -> tasks.add(Task.of(i, "sleep 60"))); // all four run at once
        List<ProcResult> results = ClusterRun.builder(cluster.cluster()).command("sh", "-c")
                .environment(ProcessLeaks.markedEnvironment(mark)).failFast(true).tasks(tasks).build().runAll();
        assertThat(results.getFirst().status()).isEqualTo(Status.FAILED);
        assertThat(results.subList(1, 4)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.CANCELLED);
            assertThat(r.stopReason()).isEqualTo(io.jconcurrent.StopReason.FAIL_FAST);
        });
        ProcessLeaks.assertNoneLeft(mark);
    }

    @Test
    void tasksArePulledOnlyAsMembersHaveRoomInTheirWindows() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pulled = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger pulledAtFirstResult = new java.util.concurrent.atomic.AtomicInteger(-1);
        Iterable<Task> source = () -> IntStream.range(0, 60).mapToObj(i -> {
            pulled.incrementAndGet();
            return Task.of(i, null);
        }).iterator();
        ClusterRun.builder(cluster.cluster()).command("sleep", "0.3").lazyTasks(source)
                .listener((r, host, attempt) -> pulledAtFirstResult.compareAndSet(-1, pulled.get()))
                .build().runAll();
        // 2 members x 2 workers x a window of 8 per worker, plus the one read ahead
        assertThat(pulledAtFirstResult.get()).isBetween(4, 2 * 2 * ClusterLauncher.WINDOW_PER_WORKER + 1);
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
