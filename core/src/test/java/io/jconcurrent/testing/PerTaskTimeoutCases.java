package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link io.jconcurrent.RunnerBuilder#timeoutFor}: a limit chosen per task as it starts. */
public abstract class PerTaskTimeoutCases extends BehaviourCases {

    /** Sleeps as many milliseconds as its arg says. */
    public static final class SleepsArgMillis implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) throws InterruptedException {
            Thread.sleep(((Number) args.getLast()).longValue());
            return Outcome.ok(args.getLast());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachCommandGetsTheLimitChosenForIt(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.command("sleep")
                .tasks(Task.pairs("short", "30", "none", "0.2"))
                .timeoutFor(t -> t.key().equals("short") ? Duration.ofMillis(300) : Duration.ZERO));

        assertThat(results.get(0).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(results.get(0).cause()).contains("0.3 s");
        assertThat(results.get(1).status()).isEqualTo(Status.SUCCEEDED);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachFunctionGetsTheLimitChosenForIt(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.function(new SleepsArgMillis())
                .tasks(Task.pairs("short", 30_000L, "long", 100L))
                .timeoutFor(t -> t.key().equals("short") ? Duration.ofMillis(200) : Duration.ofSeconds(30)));

        assertThat(results.get(0).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(results.get(1).status()).isEqualTo(Status.SUCCEEDED);
    }

    /**
     * The seed's {@code verb}: a line on stdout as each task starts, with the task's own limit (not a
     * batch-wide one).
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void verbosePrintsEachTasksOwnLimit(RunnerKind kind) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<ProcResult> results;
        try {
            results = kind.run(b -> b.command("true").verbose(true)
                    .tasks(Task.pairs("a", "x", "b", "y"))
                    .timeoutFor(t -> t.key().equals("a") ? Duration.ofMillis(2500) : Duration.ZERO));
        } finally {
            System.setOut(stdout);
        }

        assertThat(results).allMatch(ProcResult::success);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .containsExactlyInAnyOrder("task a x 2.5", "task b y 0.0");
    }
}
