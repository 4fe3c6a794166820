package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link RunnerBuilder#retainResults(boolean)}: results go to the listener only, for flat memory. */
class RetainResultsTest {

    @Test
    void everyResultReachesTheListenerAndNoneIsKept() throws Exception {
        List<ProcResult> heard = new CopyOnWriteArrayList<>();
        ProcRunMp runner = ProcRunMp.builder().command("/bin/sh", "-c", "echo $0")
                .lazyTasks(IntStream.range(0, 20).mapToObj(i -> Task.of(i, "x" + i)))
                .workers(3).retainResults(false).listener(heard::add).build();

        List<ProcResult> returned = runner.runAll();

        assertThat(returned).isEmpty();
        assertThat(runner.results()).isEmpty();
        assertThat(heard).hasSize(20).allMatch(ProcResult::success);
        assertThat(heard).extracting(ProcResult::stdout)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(i -> "x" + i + "\n").toList());
    }

    @Test
    void lazyKeysAreNotCheckedForDuplicatesWhenResultsAreNotKept() throws Exception {
        List<ProcResult> heard = new CopyOnWriteArrayList<>();
        ProcRunMp.builder().function((k, a) -> Outcome.ok(a.getLast())).placement(Placement.IN_PROCESS)
                .lazyTasks(Stream.of(Task.of(1, "x"), Task.of(1, "y"))).retainResults(false).listener(heard::add)
                .build().runAll();

        assertThat(heard).extracting(ProcResult::answer).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void notKeepingResultsWithoutAListenerIsRejected() {
        assertThatThrownBy(() -> ProcRunAsync.builder().command("true").tasks(Task.pairs(1, 1))
                .retainResults(false).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retainResults(false)").hasMessageContaining("listener");
    }
}
