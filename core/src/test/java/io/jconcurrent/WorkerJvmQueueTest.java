package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quick tasks queue in a worker JVM behind the one it runs; the guarantees stay those of one task per
 * worker: a timeout counts from the task's own start and kills only its worker, a crash is blamed on
 * the task that ran, and the tasks queued behind either one run on a fresh worker, with one ordinary
 * result each.
 */
class WorkerJvmQueueTest {

    private static final int QUICK_BEFORE = 40;
    private static final int QUICK_AFTER = 40;

    @AfterEach
    void noWorkerOutlivesItsBatch() {
        WorkerProcesses.assertNoWorkersLeft();
    }

    /** Answers with its worker's pid; "hang" prints that pid and never returns; "halt" halts its worker. */
    static Outcome task(Object key, List<Object> args) throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        switch ((String) args.getLast()) {
            case "hang" -> {
                System.out.println(pid);
                Thread.sleep(600_000);
            }
            case "halt" -> {
                System.out.println(pid);
                Runtime.getRuntime().halt(5);
            }
            default -> {
                // quick
            }
        }
        return Outcome.ok(pid);
    }

    private static List<Task> around(String middle) {
        List<Task> tasks = new ArrayList<>();
        IntStream.range(0, QUICK_BEFORE).forEach(i -> tasks.add(Task.of("before" + i, "quick")));
        tasks.add(Task.of(middle, middle));
        IntStream.range(0, QUICK_AFTER).forEach(i -> tasks.add(Task.of("after" + i, "quick")));
        return tasks;
    }

    @Test
    void tasksQueuedBehindATimedOutOneRunOnAFreshWorker() throws Exception {
        Duration limit = Duration.ofSeconds(1);
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmQueueTest::task).tasks(around("hang"))
                .workers(1).timeout(limit).build().runAll();

        assertThat(results).hasSize(QUICK_BEFORE + 1 + QUICK_AFTER);
        ProcResult hang = results.get(QUICK_BEFORE);
        assertThat(hang.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(hang.timeRun()).isGreaterThanOrEqualTo(limit); // counted from its own start, never earlier
        long hungWorker = Long.parseLong(hang.stdout().strip());
        List<ProcResult> after = results.subList(QUICK_BEFORE + 1, results.size());
        assertThat(after).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.answer()).isNotEqualTo(hungWorker);
        });
        assertThat(results.subList(0, QUICK_BEFORE)).allMatch(ProcResult::success);
    }

    @Test
    void aCrashIsBlamedOnTheTaskThatRanAndTheQueuedOnesRunOnAFreshWorker() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmQueueTest::task).tasks(around("halt"))
                .workers(1).build().runAll();

        ProcResult halt = results.get(QUICK_BEFORE);
        assertThat(halt.status()).isEqualTo(Status.FAILED);
        assertThat(halt.cause()).contains("halted with status 5").contains("task halt");
        long haltedWorker = Long.parseLong(halt.stdout().strip());
        assertThat(results.subList(0, QUICK_BEFORE)).allMatch(ProcResult::success);
        assertThat(results.subList(QUICK_BEFORE + 1, results.size())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(r.answer()).isNotEqualTo(haltedWorker);
        });
    }

    @Test
    void eachQueuedTaskHasItsOwnDeadline() throws Exception {
        // Quick tasks behind quick tasks: none of them may time out for the time it waited in the queue.
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmQueueTest::task)
                .lazyTasks(IntStream.range(0, 2000).mapToObj(i -> Task.of(i, "quick")))
                .workers(2).timeout(Duration.ofMillis(500)).build().runAll();

        assertThat(results).hasSize(2000).allMatch(ProcResult::success);
        assertThat(results.stream().map(ProcResult::answer).distinct().count()).isLessThanOrEqualTo(2);
    }
}
