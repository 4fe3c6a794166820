package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Concurrency is capped as asked, results come back in input order, and the listener sees each. */
class SchedulingTest {

    // In this JVM only: the tasks meet through a latch in the test's memory.
    @ParameterizedTest
    @EnumSource(value = RunnerKind.class, names = {"ASYNC", "MP"})
    void zeroWorkersRunsEveryTaskAtOnce(RunnerKind kind) throws Exception {
        int n = 50;
        CountDownLatch allStarted = new CountDownLatch(n);
        TaskFunction meet = (key, args) -> {
            allStarted.countDown();
            // Only succeeds if all n tasks are running at the same time.
            return new Outcome(allStarted.await(30, TimeUnit.SECONDS), null);
        };
        List<ProcResult> results = kind.run(b -> b.function(meet).tasks(tasks(n)).workers(0));
        assertThat(results).hasSize(n).allMatch(ProcResult::success);
    }

    // In this JVM only: the count lives in the test's memory (commands prove it in worker processes below).
    @ParameterizedTest
    @EnumSource(value = RunnerKind.class, names = {"ASYNC", "MP"})
    void concurrencyNeverExceedsWorkers(RunnerKind kind) throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        TaskFunction fn = (key, args) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(5);
            running.decrementAndGet();
            return Outcome.ok(null);
        };
        kind.run(b -> b.function(fn).tasks(tasks(60)).workers(3));
        assertThat(peak.get()).isBetween(1, 3);
    }

    @Test
    void concurrencyOfCommandsNeverExceedsWorkers(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        // Each process appends + when it starts and - when it ends; appends are atomic lines.
        List<ProcResult> results = ProcRunMp.builder()
                .command("/bin/sh", "-c", "echo + >> \"$0\"; sleep 0.05; echo - >> \"$0\"", log.toString())
                .tasks(tasks(12)).workers(2).build().runAll();
        assertThat(results).allMatch(ProcResult::success);
        int running = 0;
        int peak = 0;
        for (String line : Files.readAllLines(log)) {
            running += line.equals("+") ? 1 : -1;
            peak = Math.max(peak, running);
        }
        assertThat(peak).isEqualTo(2);
        assertThat(running).isZero();
    }

    @ParameterizedTest
    @EnumSource(RunnerKind.class)
    void resultsComeBackInInputOrderWhateverOrderTasksFinish(RunnerKind kind) throws Exception {
        TaskFunction fn = (key, args) -> {
            Thread.sleep(10L * (10 - (Integer) key));
            return Outcome.ok(key);
        };
        List<ProcResult> results = kind.run(b -> b.function(fn).tasks(tasks(10)).workers(0));
        assertThat(results).extracting(ProcResult::key).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @ParameterizedTest
    @EnumSource(RunnerKind.class)
    void listenerSeesEveryResultExactlyOnce(RunnerKind kind) throws Exception {
        Map<Object, Integer> seen = new ConcurrentHashMap<>();
        List<ProcResult> results = kind.run(b -> b.command("true").tasks(tasks(100)).workers(4)
                .listener(r -> seen.merge(r.key(), 1, Integer::sum)));
        assertThat(seen).hasSize(100).allSatisfy((k, count) -> assertThat(count).isEqualTo(1));
        assertThat(results).hasSize(100);
    }

    @Test
    void lazyMillionTaskSourceIsPulledOnlyAsWorkersFreeUp() throws Exception {
        int total = 1_000_000;
        int workers = 4;
        AtomicLong pulled = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong maxAhead = new AtomicLong();
        Iterable<Task> source = () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            @Override
            public Task next() {
                maxAhead.accumulateAndGet(pulled.incrementAndGet() - finished.get(), Math::max);
                int i = next++;
                return new Task(i, i);
            }
        };
        List<ProcResult> results = ProcRunAsync.builder().function((k, a) -> Outcome.ok(null)).lazyTasks(source)
                .workers(workers).listener(r -> finished.incrementAndGet()).build().runAll().get(5, TimeUnit.MINUTES);
        assertThat(results).hasSize(total);
        // Pulled ahead of completion by at most the running tasks (plus one in hand): bounded, not the batch.
        assertThat(maxAhead.get()).isLessThanOrEqualTo(workers + 1);
    }

    static List<Task> tasks(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Task(i, i)).toList();
    }
}
