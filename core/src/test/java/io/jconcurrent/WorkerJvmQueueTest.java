package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
        assertRanBeforeOrOnAFreshWorker(results.subList(QUICK_BEFORE + 1, results.size()), hang, hungWorker);
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
        assertRanBeforeOrOnAFreshWorker(results.subList(QUICK_BEFORE + 1, results.size()), halt, haltedWorker);
    }

    /**
     * Tasks after the one that hung or crashed in the input all succeed. Queued tasks are sent to a worker
     * concurrently, so one of them may reach the worker, and run, before the bad task: such a task ran on
     * that worker and started no later than the bad one; the rest ran on a fresh worker.
     */
    private static void assertRanBeforeOrOnAFreshWorker(List<ProcResult> after, ProcResult bad, long badWorker) {
        assertThat(after).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
            if (r.answer().equals(badWorker)) {
                assertThat(r.timeStartEpochNanos()).isLessThanOrEqualTo(bad.timeStartEpochNanos());
            }
        });
        assertThat(after).anyMatch(r -> !r.answer().equals(badWorker));
    }

    @Test
    @Timeout(120)
    void aHungTaskTimesOutEvenWhenTheTasksQueuedBehindItFillItsInput() throws Exception {
        // 15 KiB args queue (up to 16 KiB do): 30 of them are more than the pipe and the writer's buffer
        // hold while the hung task does not read, so a sender waits in its write until the kill.
        String big = "x".repeat(15 << 10);
        List<Task> tasks = new ArrayList<>();
        IntStream.range(0, QUICK_BEFORE).forEach(i -> tasks.add(Task.of("before" + i, big)));
        tasks.add(Task.of("hang", "hang"));
        IntStream.range(0, QUICK_AFTER).forEach(i -> tasks.add(Task.of("after" + i, big)));

        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmQueueTest::task).tasks(tasks)
                .workers(1).timeout(Duration.ofSeconds(1)).build().runAll();

        assertThat(results.get(QUICK_BEFORE).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(results.stream().filter(ProcResult::success).count()).isEqualTo(QUICK_BEFORE + QUICK_AFTER);
    }

    /** Answers at once, and halts its worker a moment later, while the worker is idle. */
    static Outcome haltSoon(Object key, List<Object> args) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(7);
        });
        return Outcome.ok(ProcessHandle.current().pid());
    }

    @Test
    @Timeout(120)
    void aWorkerThatDiesWhileIdleIsReplaced() throws Exception {
        // One worker; each task comes only after the worker that ran the one before has died idle.
        Iterator<Task> slow = IntStream.range(0, 3).mapToObj(i -> {
            if (i > 0) {
                ProcessLeaks.pause(1000);
            }
            return Task.of(i, "x");
        }).iterator();
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmQueueTest::haltSoon)
                .lazyTasks(() -> slow).workers(1).build().runAll();

        assertThat(results).hasSize(3).allMatch(ProcResult::success);
        assertThat(results.stream().map(ProcResult::answer).distinct().count()).isEqualTo(3);
    }

    /** Prints its key on stdout and on stderr, and answers with it. */
    static Outcome echo(Object key, List<Object> args) {
        System.out.println("out " + key);
        System.err.println("err " + key);
        return Outcome.ok(key);
    }

    @Test
    void eachQueuedTaskGetsItsOwnOutput() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmQueueTest::echo)
                .lazyTasks(IntStream.range(0, 1000).mapToObj(i -> Task.of(i, "x")))
                .workers(2).build().runAll();

        assertThat(results).hasSize(1000).allSatisfy(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.stdout()).isEqualTo("out " + r.key() + "\n");
            assertThat(r.stderr()).isEqualTo("err " + r.key() + "\n");
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
