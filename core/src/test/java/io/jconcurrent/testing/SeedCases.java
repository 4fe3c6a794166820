package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's own test list, for each kind: functions and subprocesses, without a timeout and with
 * one task timing out. Naps are tenths of seconds rather than the seed's seconds, to keep the suite
 * fast; the shape (three tasks, five workers, one overrunning) is the seed's.
 */
public abstract class SeedCases extends BehaviourCases {

    private static final List<Task> TASKS = Task.pairs(1, 1, 2, 4, 3, 2);
    private static final List<Task> ONE_TOO_LONG = Task.pairs(1, 1, 2, 30, 3, 2);

    /** Sleeps a tenth of a second per unit of its task's arg, like the seed's test function. */
    public static final class Nap implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) throws InterruptedException {
            Thread.sleep(100L * ((Number) args.getLast()).intValue());
            return Outcome.ok("nap " + key + " " + args);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void functionsWithoutTimeoutAllSucceed(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.function(new Nap(), "dummy1").tasks(TASKS).workers(5)
                .timeout(Duration.ofSeconds(10)));
        assertThat(results).allMatch(ProcResult::success).noneMatch(ProcResult::timeout);
        assertThat(results).extracting(ProcResult::answer)
                .containsExactly("nap 1 [dummy1, 1]", "nap 2 [dummy1, 4]", "nap 3 [dummy1, 2]");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void functionOverrunningItsTimeoutTimesOutAndTheOthersSucceed(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.function(new Nap(), "dummy1").tasks(ONE_TOO_LONG).workers(5)
                .timeout(Duration.ofMillis(1000)));
        assertThat(results).extracting(ProcResult::success).containsExactly(true, false, true);
        assertThat(results.get(1).timeout()).isTrue();
        assertThat(results.get(1).stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(results.get(1).timeRun()).isLessThan(Duration.ofMillis(2900));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void subprocessesWithoutTimeoutAllSucceed(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.command("/bin/sh", "-c", "sleep \"0.$1\"; echo done $1", "sh")
                .tasks(TASKS).workers(5).timeout(Duration.ofSeconds(10)));
        assertThat(results).allMatch(ProcResult::success);
        assertThat(results).extracting(ProcResult::returnCode).containsOnly(0);
        assertThat(results).extracting(ProcResult::stdout).containsExactly("done 1\n", "done 4\n", "done 2\n");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void subprocessOverrunningItsTimeoutIsKilledAndTheOthersSucceed(RunnerKind kind) throws Exception {
        String marker = ProcessLeaks.newMarker();
        List<ProcResult> results = kind.run(b -> b.command("/usr/bin/sleep").tasks(Task.pairs(1, 0.1, 2, 300, 3, 0.2))
                .workers(5).timeout(Duration.ofMillis(1000)).environment(ProcessLeaks.markedEnvironment(marker)));
        assertThat(results).extracting(ProcResult::success).containsExactly(true, false, true);
        ProcResult late = results.get(1);
        assertThat(late.timeout()).isTrue();
        assertThat(late.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(late.returnCode()).isEqualTo(128 + 15);
        assertThat(late.cause()).contains("timed out after 1 s");
        ProcessLeaks.assertNoneLeft(marker);
    }
}
