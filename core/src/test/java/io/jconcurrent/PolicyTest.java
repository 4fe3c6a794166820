package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.testing.PolicyCases;
import io.jconcurrent.testing.RunnerKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policies as values: timeout (percent of the median), retry, halt; and the builder's manners. */
class PolicyTest extends PolicyCases {

    @Override
    protected Stream<RunnerKind> kinds() {
        return LocalRunnerKind.all();
    }

    /** As before the cases were shared: on {@link ProcRunMp} as it comes. */
    @Override
    protected Stream<RunnerKind> placementKinds() {
        return Stream.of(LocalRunnerKind.MP_WORKER_JVM);
    }

    @Test
    void aTaskThatStillFailsAfterItsTriesKeepsItsLastResult() throws Exception {
        Map<Object, AtomicInteger> runs = new ConcurrentHashMap<>();
        ProcResult r = ProcRunMp.builder().function(failingFirst(5, runs)).placement(Placement.IN_PROCESS)
                .tasks(Task.pairs(1, 1)).retry(Retry.times(2)).build().runAll().getFirst();
        assertThat(r.success()).isFalse();
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(r.answer()).isEqualTo("run 2");
    }

    @Test
    void aTimeoutOfAPercentOfTheMedianStopsTheSlowTask() throws Exception {
        // Five quick tasks first (one worker, in order), then one that would take far longer.
        List<Task> tasks = IntStream.range(0, 6).mapToObj(i -> Task.of(i, i < 5 ? "0.05" : "30")).toList();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sleep").tasks(tasks).workers(1)
                .timeout(TaskTimeout.percentOfMedian(2000)).build().runAll();
        assertThat(results.subList(0, 5)).allMatch(ProcResult::success);
        assertThat(results.get(5).timeout()).isTrue();
        assertThat(results.get(5).timeRun()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void haltNowAfterTwoFailuresStopsTheRestWithHaltAsTheReason() throws Exception {
        List<Task> tasks = IntStream.range(0, 20).mapToObj(i -> Task.of(i, i < 2 ? "exit 1" : "sleep 30")).toList();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c").tasks(tasks).workers(4)
                .halt(Halt.now().afterFailures(2)).build().runAll();
        assertThat(results.subList(0, 2)).extracting(ProcResult::status).containsOnly(Status.FAILED);
        assertThat(results.subList(2, 20)).extracting(ProcResult::status).containsOnly(Status.CANCELLED);
        assertThat(results.subList(2, 20)).extracting(ProcResult::stopReason).containsOnly(StopReason.HALT);
    }

    @Test
    void haltSoonLetsRunningTasksFinishAndStartsNoMore() throws Exception {
        // Task 0 fails a little after it starts, so that task 1, started at once in the other worker, is
        // running when the halt comes (an instant "exit 1" could end before task 1 has started).
        List<Task> tasks = IntStream.range(0, 10)
                .mapToObj(i -> Task.of(i, i == 0 ? "sleep 0.2; exit 1" : "sleep 0.5")).toList();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c").tasks(tasks).workers(2)
                .halt(Halt.soon().afterFailurePercent(10)).build().runAll();
        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(1).success()).as("running when the halt came: finishes").isTrue();
        assertThat(results.subList(2, 10)).extracting(ProcResult::stopReason).containsOnly(StopReason.HALT);
        assertThat(results.subList(2, 10)).extracting(ProcResult::timeRun).containsOnly(Duration.ZERO);
    }

    @Test
    void aHaltPercentageOfAKnownNumberOfTasksCountsThemAllFromALazySource() {
        // 1 failure: 100% of the one task taken so far, but only 10% of the 10 known tasks.
        assertThat(Halt.soon().afterFailurePercent(50).reached(1, 0, 1)).isTrue();
        assertThat(Halt.soon().afterFailurePercent(50).of(10).reached(1, 0, 1)).isFalse();
        assertThat(Halt.soon().afterFailurePercent(50).of(10).reached(5, 0, 6)).isTrue();
    }

    @Test
    void failFastIsTheHaltAfterOneFailureAndSaysSo() {
        assertThat(Halt.failFast()).isEqualTo(Halt.now().afterFailures(1));
        assertThat(Halt.failFast().isFailFast()).isTrue();
        assertThat(Halt.now().afterFailures(2).isFailFast()).isFalse();
    }

    @Test
    void conflictingOrRepeatedSettingsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> ProcRunMp.builder().tasks(List.of()).lazyTasks(List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lazyTasks(...)").hasMessageContaining("tasks(0 tasks)");
        assertThatThrownBy(() -> ProcRunMp.builder().timeout(Duration.ofSeconds(1)).timeoutFor(t -> Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timeoutFor(...) conflicts with timeout(PT1S)");
        assertThatThrownBy(() -> ProcRunMp.builder().command("true").function((k, a) -> Outcome.ok(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("function(...)").hasMessageContaining("command(true, ...)");
        assertThatThrownBy(() -> ProcRunMp.builder().failFast(true).halt(Halt.never()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failFast(true)");
        assertThatThrownBy(() -> ProcRunMp.builder().workers(2).workers(3))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("workers(3) repeats workers(2)");
    }

    @Test
    void item8_nullArgumentsAreNullPointerExceptionsNamingTheParameter() {
        assertThatThrownBy(() -> new ProcRunMp(List.of("/bin/true"), List.of(Task.of(1, null)), 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> new ProcRunAsync(List.of("/bin/true"), List.of(Task.of(1, null)), 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> ProcRunAsync.builder().halt(null))
                .isInstanceOf(NullPointerException.class).hasMessage("halt");
        assertThatThrownBy(() -> Work.fromPargs(null)).isInstanceOf(NullPointerException.class).hasMessage("pargs");
        assertThatThrownBy(() -> Retry.times(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tries");
    }
}
