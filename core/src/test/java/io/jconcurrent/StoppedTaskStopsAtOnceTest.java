package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stopped task stops at once: from the first signal on, no process of its tree runs another command.
 * A shell whose child is signalled before the shell itself sees the child die and runs its next
 * command; here that command leaves a line in a file. Each case is 8 tasks x 20 rounds run as one
 * batch of 160 (the race tried 160 times in a few seconds), on both ways of starting a task, and for
 * a timeout in both runners (issue 9, item 1).
 */
class StoppedTaskStopsAtOnceTest {

    private static final String SCRIPT = "sleep 3; echo survived $0 >> out.txt";
    /** For a stop from outside: long enough that every task is still running when it comes. */
    private static final String LONG_SCRIPT = "sleep 60; echo survived $0 >> out.txt";
    private static final int TASKS = 8 * 20;

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void cleanUp() {
        System.clearProperty("jconcurrent.spawn");
        ProcessLeaks.assertNoneLeft(marker);
    }

    private RunnerBuilder<ProcRunAsync> batch(String path, Path dir, String script) {
        return batch(path, dir, script, 0);
    }

    private RunnerBuilder<ProcRunAsync> batch(String path, Path dir, String script, int workers) {
        return configure(ProcRunAsync.builder(), path, dir, script, workers);
    }

    private <R> RunnerBuilder<R> configure(RunnerBuilder<R> builder, String path, Path dir, String script,
            int workers) {
        System.setProperty("jconcurrent.spawn", path);
        return builder.command("/bin/sh", "-c", script)
                .tasks(IntStream.range(0, TASKS).mapToObj(i -> Task.of(i, "task" + i)).toList())
                .workers(workers).directory(dir).environment(ProcessLeaks.markedEnvironment(marker));
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item1_aTimedOutTaskRunsNoFurtherCommand(String path, @TempDir Path dir) throws Exception {
        // 40 at a time: 160 deadlines at once on a busy 2-core machine would test its scheduler instead.
        List<ProcResult> results = batch(path, dir, SCRIPT, 40).timeout(Duration.ofSeconds(1)).build().runAll()
                .get(120, TimeUnit.SECONDS);
        assertThat(results).extracting(ProcResult::status).containsOnly(Status.TIMED_OUT);
        assertNoSurvivors(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item1_aTimedOutTaskOfTheParallelRunnerRunsNoFurtherCommand(String path, @TempDir Path dir)
            throws Exception {
        List<ProcResult> results = configure(ProcRunMp.builder(), path, dir, SCRIPT, 40)
                .timeout(Duration.ofSeconds(1)).build().runAll();
        assertThat(results).extracting(ProcResult::status).containsOnly(Status.TIMED_OUT);
        assertNoSurvivors(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item1_aCancelledTaskRunsNoFurtherCommand(String path, @TempDir Path dir) throws Exception {
        ProcRunAsync run = batch(path, dir, LONG_SCRIPT).build();
        CompletableFuture<List<ProcResult>> future = run.runAll();
        ProcessLeaks.awaitRunning(marker, 2 * TASKS); // every shell and its sleep
        future.cancel(true);
        awaitResults(run);
        assertThat(run.results()).extracting(ProcResult::status).containsOnly(Status.CANCELLED);
        assertNoSurvivors(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item1_aTaskStoppedByFailFastRunsNoFurtherCommand(String path, @TempDir Path dir) throws Exception {
        // Task "task0" fails once the test says go, when every other task is running.
        String script = "if [ $0 = task0 ]; then while [ ! -e go ]; do sleep 0.02; done; exit 1; fi; " + LONG_SCRIPT;
        ProcRunAsync run = batch(path, dir, script).failFast(true).build();
        CompletableFuture<List<ProcResult>> future = run.runAll();
        ProcessLeaks.awaitRunning(marker, 2 * TASKS - 1); // task0's sleep comes and goes
        Files.createFile(dir.resolve("go"));
        List<ProcResult> results = future.get(120, TimeUnit.SECONDS);
        assertThat(results.getFirst().status()).isEqualTo(Status.FAILED);
        assertThat(results.subList(1, TASKS)).extracting(ProcResult::stopReason).containsOnly(StopReason.FAIL_FAST);
        assertNoSurvivors(dir);
    }

    private static void awaitResults(ProcRunAsync run) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.results().size() < TASKS && System.nanoTime() < deadline) {
            ProcessLeaks.pause(20);
        }
        assertThat(run.results()).hasSize(TASKS);
    }

    /**
     * A shell that outlived its sleep writes at once; one that outlived the stop longer is still
     * running, which the leak check fails on. Once no marked process is left, the file is final.
     */
    private void assertNoSurvivors(Path dir) throws IOException {
        ProcessLeaks.assertNoneLeft(marker);
        Path out = dir.resolve("out.txt");
        assertThat(Files.exists(out) ? Files.readAllLines(out) : List.of()).as("commands run after the stop")
                .isEmpty();
    }
}
