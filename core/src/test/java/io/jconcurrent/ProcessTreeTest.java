package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's processes, grandchildren included, never outlive it. */
class ProcessTreeTest {

    private static final String TREE = "sleep 300 & setsid sleep 300 & sleep 300; wait";

    @Test
    void timedOutTaskLeavesNoGrandchildrenNotEvenSetsidOnes() throws Exception {
        String marker = ProcessLeaks.newMarker();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c").tasks(List.of(Task.of("tree", TREE)))
                .timeout(Duration.ofMillis(800)).environment(ProcessLeaks.markedEnvironment(marker))
                .build().runAll();
        assertThat(results.getFirst().timeout()).isTrue();
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void processesWhoseNamesLookLikeStatFieldsAreFoundAndKilled(@TempDir Path dir) throws Exception {
        // /proc/<pid>/stat shows the name in parentheses; this one ends in ") 1 1 1 (" to mislead a parser.
        Path odd = Files.copy(Path.of("/bin/sleep"), dir.resolve("x) Z 1 1 1 (y"));
        String marker = ProcessLeaks.newMarker();
        // An orphan (its subshell exits at once) and a child, both in the task's group.
        String tree = "( \"$0\" 300 & ) ; \"$0\" 300 & wait";
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c", tree, odd.toString())
                .tasks(List.of(Task.of("odd", null))).timeout(Duration.ofMillis(800))
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll();
        assertThat(results.getFirst().timeout()).isTrue();
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void cancellingTheAsyncFutureKillsRunningTreesAndMarksEveryTask() throws Exception {
        String marker = ProcessLeaks.newMarker();
        ProcRunAsync run = ProcRunAsync.builder().command("/bin/sh", "-c")
                .tasks(List.of(Task.of(1, TREE), Task.of(2, TREE), Task.of(3, TREE)))
                .workers(2).environment(ProcessLeaks.markedEnvironment(marker)).build();
        CompletableFuture<List<ProcResult>> future = run.runAll();
        ProcessLeaks.awaitRunning(marker, 8);
        future.cancel(true);
        ProcessLeaks.assertNoneLeft(marker);
        awaitAllResults(run, 3);
        assertThat(run.results()).extracting(ProcResult::status).containsOnly(Status.CANCELLED);
        assertThat(run.results()).extracting(ProcResult::stopReason).containsOnly(StopReason.CANCELLED);
    }

    @Test
    void interruptingRunAllKillsRunningTreesThenThrows() throws Exception {
        String marker = ProcessLeaks.newMarker();
        ProcRunMp run = ProcRunMp.builder().command("/bin/sh", "-c").tasks(List.of(Task.of(1, TREE)))
                .environment(ProcessLeaks.markedEnvironment(marker)).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                run.runAll();
            } catch (Throwable e) {
                thrown.set(e);
            }
            ended.countDown();
        });
        ProcessLeaks.awaitRunning(marker, 4);
        caller.interrupt();
        assertThat(ended.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        ProcessLeaks.assertNoneLeft(marker);
        assertThat(run.results()).singleElement().extracting(ProcResult::status).isEqualTo(Status.CANCELLED);
    }

    @Test
    void backgroundProcessHoldingThePipeDoesNotHangTheResult() throws Exception {
        String marker = ProcessLeaks.newMarker();
        long start = System.nanoTime();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c")
                .tasks(List.of(Task.of(1, "sleep 300 & echo started")))
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(results.getFirst().success()).isTrue();
        assertThat(results.getFirst().stdout()).isEqualTo("started\n");
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void runnerRunsItsBatchOnlyOnce() throws Exception {
        ProcRunMp run = ProcRunMp.builder().command("true").tasks(Task.pairs(1, null)).build();
        run.runAll();
        assertThatThrownBy(run::runAll).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }

    private static void awaitAllResults(ProcRunAsync run, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (run.results().size() < count && System.nanoTime() < deadline) {
            ProcessLeaks.pause(10);
        }
        assertThat(run.results()).hasSize(count);
    }
}
