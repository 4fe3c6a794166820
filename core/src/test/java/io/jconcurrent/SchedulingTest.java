package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.RunnerKind;
import io.jconcurrent.testing.SchedulingCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrency is capped as asked, results come back in input order, and the listener sees each. */
class SchedulingTest extends SchedulingCases {

    @Override
    protected Stream<RunnerKind> kinds() {
        return LocalRunnerKind.all();
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
}
