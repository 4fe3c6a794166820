package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bad input is an error naming the problem, before anything runs. */
class ValidationTest {

    @Test
    void duplicateKeyIsRejectedNamingTheKeyAndBothPositions() {
        assertThatThrownBy(() -> ProcRunMp.builder().command("true").tasks(Task.pairs("a", 1, "b", 2, "a", 3)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate task key \"a\" at position 2 (first at position 0)");
    }

    @Test
    void nullKeyIsRejectedNamingItsPosition() {
        assertThatThrownBy(() -> Task.pairs(1, 1, null, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 1");
        assertThatThrownBy(() -> new Task(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null");
    }

    @Test
    void nullTaskInAListIsRejectedNamingItsPosition() {
        List<Task> tasks = new ArrayList<>(Arrays.asList(Task.of(1, 1), null));
        assertThatThrownBy(() -> ProcRunAsync.builder().command("true").tasks(tasks).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task at position 1 is null");
    }

    @Test
    void duplicateKeyInALazySourceFailsThatTaskOnly() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function((k, a) -> Outcome.ok(a))
                .lazyTasks(Stream.of(Task.of(1, "x"), Task.of(1, "y"), Task.of(2, "z"))).build().runAll();
        assertThat(results).extracting(ProcResult::success).containsExactly(true, false, true);
        assertThat(results.get(1).cause()).isEqualTo("duplicate task key 1 at position 1");
    }

    @Test
    void negativeWorkersAreRejected() {
        assertThatThrownBy(() -> ProcRunMp.builder().workers(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers").hasMessageContaining("-1");
        assertThatThrownBy(() -> new ProcRunAsync(List.of("true"), Task.pairs(1, 1), -3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
    }

    @Test
    void negativeTimeoutIsRejected() {
        assertThatThrownBy(() -> ProcRunMp.builder().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void missingWorkOrTasksIsRejected() {
        assertThatThrownBy(() -> ProcRunMp.builder().tasks(Task.pairs(1, 1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no work");
        assertThatThrownBy(() -> ProcRunMp.builder().command("true").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tasks");
    }

    @Test
    void pargsMustStartWithAProgramOrAFunction() {
        assertThatThrownBy(() -> new ProcRunMp(List.of(42, "x"), Task.pairs(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> new ProcRunMp(List.of(), Task.pairs(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pargs");
    }

    @Test
    void oddNumberOfPairValuesIsRejected() {
        assertThatThrownBy(() -> Task.pairs(1, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
    }
}
