package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The capped scheduler (a fixed number of long-lived worker loops): the cap holds, tasks are pulled
 * only by a free worker, results stay in input order, and stopping still gives every task a result.
 */
class WorkerLoopSchedulingTest {

    @Test
    void neverRunsMoreFunctionsAtOnceThanTheCap() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<ProcResult> results = ProcRunAsync.builder()
                .function((key, args) -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    now.decrementAndGet();
                    return Outcome.ok(key);
                })
                .tasks(tasks(60)).workers(3).build().runAll().join();
        assertThat(results).hasSize(60).allMatch(ProcResult::success);
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void resultsComeBackInInputOrderWhateverOrderTasksEndIn() {
        List<ProcResult> results = ProcRunAsync.builder()
                .function((key, args) -> {
                    Thread.sleep((int) key % 3 == 0 ? 5 : 0);
                    return Outcome.ok(key);
                })
                .tasks(tasks(200)).workers(4).build().runAll().join();
        assertThat(results).extracting(ProcResult::key).containsExactlyElementsOf(
                IntStream.range(0, 200).boxed().toList());
        assertThat(results).extracting(ProcResult::answer).containsExactlyElementsOf(
                IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void aLazySourceIsPulledOnlyByAFreeWorker() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Task> source = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 1000;
            }

            @Override
            public Task next() {
                pulled.incrementAndGet();
                return new Task(i, i++);
            }
        };
        var run = ProcRunAsync.builder()
                .function((key, args) -> {
                    release.await();
                    return Outcome.ok(null);
                })
                .lazyTasks(() -> source).workers(2).build();
        var future = run.runAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pulled.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // give a wrongly eager scheduler the chance to pull more
        assertThat(pulled.get()).isEqualTo(2);
        release.countDown();
        assertThat(future.get(30, TimeUnit.SECONDS)).hasSize(1000).allMatch(ProcResult::success);
        assertThat(pulled.get()).isEqualTo(1000);
    }

    @Test
    void failFastGivesEveryTaskOfAListAResult() {
        // Fail-fast acts when the failure is recorded. The other tasks take 2 ms each, so that the
        // other loop cannot run them all while the failing one waits for a core (instant tasks could,
        // in half a millisecond, on a busy machine).
        List<ProcResult> results = ProcRunAsync.builder()
                .function((key, args) -> {
                    if ((int) key == 5) {
                        return Outcome.failed(null);
                    }
                    Thread.sleep(2);
                    return Outcome.ok(null);
                })
                .tasks(tasks(500)).workers(2).failFast(true).build().runAll().join();
        assertThat(results).hasSize(500);
        assertThat(results.get(5).status()).isEqualTo(Status.FAILED);
        assertThat(results).filteredOn(r -> r.status() == Status.CANCELLED).isNotEmpty()
                .allMatch(r -> r.stopReason() == StopReason.FAIL_FAST);
    }

    @Test
    void cancellingStopsRunningFunctionsAndGivesEveryTaskAResult() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        var run = ProcRunAsync.builder()
                .function((key, args) -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return Outcome.ok(null);
                })
                .tasks(tasks(10)).workers(2).build();
        var future = run.runAll();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        future.cancel(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (run.results().size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(run.results()).hasSize(10).allMatch(r -> r.status() == Status.CANCELLED);
    }

    @Test
    void aDuplicateKeyInALazySourceFailsAloneWhileTheOthersRun() {
        List<Task> tasks = new ArrayList<>(tasks(20));
        tasks.add(new Task(3, "again"));
        Collections.swap(tasks, 10, 20);
        List<ProcResult> results = ProcRunAsync.builder()
                .function((key, args) -> Outcome.ok(null))
                .lazyTasks(tasks).workers(3).build().runAll().join();
        assertThat(results).hasSize(21);
        assertThat(results).filteredOn(r -> !r.success()).singleElement()
                .satisfies(r -> assertThat(r.cause()).contains("duplicate task key 3"));
    }

    @Test
    void aTimedOutFunctionDoesNotHoldItsWorkerFromTheNextTask() {
        List<ProcResult> results = ProcRunAsync.builder()
                .function((key, args) -> {
                    if ((int) key == 0) {
                        Thread.sleep(60_000);
                    }
                    return Outcome.ok(null);
                })
                .tasks(tasks(5)).workers(1).timeout(Duration.ofMillis(200)).build().runAll().join();
        assertThat(results.get(0).timeout()).isTrue();
        assertThat(results.subList(1, 5)).allMatch(ProcResult::success);
    }

    private static List<Task> tasks(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Task(i, i)).toList();
    }
}
