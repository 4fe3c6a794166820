package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The README's three examples (the seed's), kept here verbatim apart from shorter naps, so the docs
 * cannot rot. Each region between "README" comments is what README.md shows.
 */
class ReadmeExamplesTest {

    @Test
    void commandWithTheAsyncRunner() throws Exception {
        // README example 1
        List<Object> pargs = List.of("/usr/bin/sleep");
        List<Task> tasks = Task.pairs(1, 0.1, 2, 0.7, 3, 0.2, 4, 0.2, 5, 0.1);

        ProcRunAsync procRun = new ProcRunAsync(pargs, tasks, 4, Duration.ofSeconds(30));
        procRun.runAll().join();
        procRun.printResults();
        // end README example 1
        assertThat(procRun.results()).hasSize(5).allMatch(ProcResult::success);
    }

    @Test
    void commandWithTheParallelRunner() throws Exception {
        // README example 2
        List<Object> pargs = List.of("/usr/bin/sleep");
        List<Task> tasks = Task.pairs(1, 0.1, 2, 0.7, 3, 0.2, 4, 0.2, 5, 0.1);

        ProcRunMp procRun = new ProcRunMp(pargs, tasks, 4, Duration.ofSeconds(30));
        procRun.runAll();
        procRun.printResults();
        // end README example 2
        assertThat(procRun.results()).hasSize(5).allMatch(ProcResult::success);
    }

    // README example 3
    static CompletableFuture<Outcome> testFuncAsync(Object key, List<Object> args) {
        double nap = ((Number) args.getLast()).doubleValue(); // the task's arg comes last
        return CompletableFuture.supplyAsync(() -> Outcome.ok(Map.of(
                "key", key, "args", args, "result", "test_func done")),
                CompletableFuture.delayedExecutor((long) (nap * 1000), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void functionWithTheAsyncRunner() throws Exception {
        List<Object> pargs = List.of((AsyncTaskFunction) ReadmeExamplesTest::testFuncAsync, "dummy-arg");
        List<Task> tasks = Task.pairs(1, 0.1, 2, 0.7, 3, 0.2, 4, 0.2, 5, 0.1);

        ProcRunAsync procRun = new ProcRunAsync(pargs, tasks, 4, Duration.ofSeconds(30));
        procRun.runAll().join();
        procRun.printResults();
        // end README example 3
        assertThat(procRun.results()).hasSize(5).allMatch(ProcResult::success);
        assertThat(procRun.results().getFirst().answer()).isEqualTo(
                Map.of("key", 1, "args", List.of("dummy-arg", 0.1), "result", "test_func done"));
    }
}
