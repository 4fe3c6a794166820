package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link RunnerBuilder#timeoutFor}: a limit chosen per task as it starts. */
class PerTaskTimeoutTest {

    @ParameterizedTest
    @EnumSource(RunnerKind.class)
    void eachCommandGetsTheLimitChosenForIt(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.command("sleep")
                .tasks(Task.pairs("short", "30", "none", "0.2"))
                .timeoutFor(t -> t.key().equals("short") ? Duration.ofMillis(300) : Duration.ZERO));

        assertThat(results.get(0).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(results.get(0).cause()).contains("0.3 s");
        assertThat(results.get(1).status()).isEqualTo(Status.SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(RunnerKind.class)
    void eachFunctionGetsTheLimitChosenForIt(RunnerKind kind) throws Exception {
        TaskFunction sleepy = (key, args) -> {
            Thread.sleep(((Number) args.getLast()).longValue());
            return Outcome.ok(key);
        };
        List<ProcResult> results = kind.run(b -> b.function(sleepy)
                .tasks(Task.pairs("short", 30_000L, "long", 100L))
                .timeoutFor(t -> t.key().equals("short") ? Duration.ofMillis(200) : Duration.ofSeconds(30)));

        assertThat(results.get(0).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(results.get(1).status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void theLimitIsAskedForAsEachTaskStartsInOrder() throws Exception {
        List<Object> asked = new CopyOnWriteArrayList<>();
        ProcRunMp.builder().command("true").tasks(Task.pairs(1, null, 2, null, 3, null)).workers(1)
                .timeoutFor(t -> {
                    asked.add(t.key());
                    return null;
                })
                .build().runAll();

        assertThat(asked).containsExactly(1, 2, 3);
    }

    /**
     * The seed's {@code verb}: a line on stdout as each task starts, with the task's own limit (not a
     * batch-wide one).
     */
    @ParameterizedTest
    @EnumSource(RunnerKind.class)
    void verbosePrintsEachTasksOwnLimit(RunnerKind kind) throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        List<ProcResult> results;
        try {
            results = kind.run(b -> b.command("true").verbose(true)
                    .tasks(Task.pairs("a", "x", "b", "y"))
                    .timeoutFor(t -> t.key().equals("a") ? Duration.ofMillis(2500) : Duration.ZERO));
        } finally {
            System.setOut(stdout);
        }

        assertThat(results).allMatch(ProcResult::success);
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                .containsExactlyInAnyOrder("task a x 2.5", "task b y 0.0");
    }
}
