package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Retry;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The policies as values, for each kind: retry, counted in this JVM or in a file. */
public abstract class PolicyCases extends BehaviourCases {

    /** Fails its first {@code n} runs of each key, then succeeds; counts in {@code runs}. */
    protected static TaskFunction failingFirst(int n, Map<Object, AtomicInteger> runs) {
        return (key, args) -> runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= n
                ? Outcome.failed("run " + runs.get(key).get()) : Outcome.ok("run " + runs.get(key).get());
    }

    // aTaskRetriedInOtherJvmsSaysWhichAttemptItIs counts the runs in a file instead.
    @ParameterizedTest
    @MethodSource("kinds")
    void aFailingTaskIsRetriedAndItsResultSaysWhichAttemptItIs(RunnerKind kind) throws Exception {
        assumeTrue(kind.functionsRunInThisJvm(), "local-only: the runs are counted in this JVM's memory"
                + " (each other JVM would count its own)");
        Map<Object, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<ProcResult> seenByListener = new CopyOnWriteArrayList<>();
        List<ProcResult> seenPerAttempt = new CopyOnWriteArrayList<>();
        List<ProcResult> results = kind.run(b -> b.function(failingFirst(2, runs)).tasks(Task.pairs(1, 1, 2, 2))
                .retry(Retry.times(3).onEachAttempt(seenPerAttempt::add))
                .listener(seenByListener::add));
        assertThat(results).allMatch(ProcResult::success).extracting(ProcResult::attempt).containsOnly(3);
        assertThat(results).extracting(ProcResult::answer).containsOnly("run 3");
        assertThat(seenByListener).hasSize(2).allMatch(ProcResult::success);
        assertThat(seenPerAttempt).hasSize(4).noneMatch(ProcResult::success)
                .extracting(ProcResult::attempt).containsOnly(1, 2);
    }

    @ParameterizedTest
    @MethodSource("placementKinds")
    void aTaskRetriedInOtherJvmsSaysWhichAttemptItIs(RunnerKind kind, @TempDir Path dir) throws Exception {
        // A file counts the runs: every attempt may land in a different JVM.
        String counter = dir.resolve("runs").toString();
        List<ProcResult> results = kind.run(b -> b.function(new FailsTwiceByFile(), counter)
                .tasks(Task.pairs(1, 1)).workers(1).retry(Retry.times(3)));
        assertThat(results.getFirst().success()).isTrue();
        assertThat(results.getFirst().attempt()).isEqualTo(3);
        assertThat(results.getFirst().answer()).isEqualTo("third");
    }

    /** Fails its first two runs, counted in the file its first arg names, then succeeds. */
    public static final class FailsTwiceByFile implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) throws IOException {
            Path runs = Path.of((String) args.getFirst());
            Files.writeString(runs, "x", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Files.size(runs) > 2 ? Outcome.ok("third") : Outcome.failed("early");
        }
    }
}
