package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Concurrency is capped as asked, results come back in input order, and the listener sees each. */
public abstract class SchedulingCases extends BehaviourCases {

    static final String IN_THIS_JVM_ONLY = "local-only: the tasks meet the test in this JVM's memory,"
            + " and this kind runs functions in other JVMs";

    /** Sleeps 10 ms for each step its arg is below 10, so that the first tasks finish last. */
    public static final class FirstFinishLast implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) throws InterruptedException {
            int i = (Integer) args.getLast();
            Thread.sleep(10L * (10 - i));
            return Outcome.ok(i);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void zeroWorkersRunsEveryTaskAtOnce(RunnerKind kind) throws Exception {
        assumeTrue(kind.functionsRunInThisJvm(), IN_THIS_JVM_ONLY);
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

    // Commands prove the cap in worker processes (core's SchedulingTest).
    @ParameterizedTest
    @MethodSource("kinds")
    void concurrencyNeverExceedsWorkers(RunnerKind kind) throws Exception {
        assumeTrue(kind.functionsRunInThisJvm(), IN_THIS_JVM_ONLY);
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

    @ParameterizedTest
    @MethodSource("kinds")
    void resultsComeBackInInputOrderWhateverOrderTasksFinish(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.function(new FirstFinishLast()).tasks(tasks(10)).workers(0));
        assertThat(results).extracting(ProcResult::key).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(results).extracting(ProcResult::answer).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void listenerSeesEveryResultExactlyOnce(RunnerKind kind) throws Exception {
        Map<Object, Integer> seen = new ConcurrentHashMap<>();
        List<ProcResult> results = kind.run(b -> b.command("true").tasks(tasks(100)).workers(4)
                .listener(r -> seen.merge(r.key(), 1, Integer::sum)));
        assertThat(seen).hasSize(100).allSatisfy((k, count) -> assertThat(count).isEqualTo(1));
        assertThat(results).hasSize(100);
    }

    /** Tasks 0 to n - 1, each its own number as key and arg. */
    protected static List<Task> tasks(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Task(i, i)).toList();
    }
}
