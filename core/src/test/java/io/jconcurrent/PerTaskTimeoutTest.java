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
}
