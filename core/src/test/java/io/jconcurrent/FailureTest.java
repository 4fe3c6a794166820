package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.FailureCases;
import io.jconcurrent.testing.ProcessLeaks;
import io.jconcurrent.testing.RunnerKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A failing task becomes a result with its cause; the rest of the batch carries on. */
class FailureTest extends FailureCases {

    @Override
    protected Stream<RunnerKind> kinds() {
        return LocalRunnerKind.all();
    }

    /** As before the cases were shared: on {@link ProcRunMp} as it comes (commands run alike under each). */
    @Override
    protected Stream<RunnerKind> placementKinds() {
        return Stream.of(LocalRunnerKind.MP_WORKER_JVM);
    }

    @Test
    void failFastStopsTheRestAndEveryTaskStillGetsAResult() throws Exception {
        String marker = ProcessLeaks.newMarker();
        List<Task> tasks = Task.pairs(1, "sleep 300", 2, "exit 1", 3, "sleep 300", 4, "true", 5, "true");
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c").tasks(tasks).workers(2).failFast(true)
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll();
        assertThat(results).extracting(ProcResult::key).containsExactly(1, 2, 3, 4, 5);
        assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).status()).isEqualTo(Status.CANCELLED);
        assertThat(results.get(0).stopReason()).isEqualTo(StopReason.FAIL_FAST);
        assertThat(results.subList(2, 5)).allSatisfy(r -> assertThat(r.stopReason()).isEqualTo(StopReason.FAIL_FAST));
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void functionIgnoringInterruptsStillTimesOutAtTheDeadline() throws Exception {
        TaskFunction stubborn = (key, args) -> {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // ignores interrupts
            }
            return Outcome.ok("too late");
        };
        List<ProcResult> results = ProcRunMp.builder().placement(Placement.IN_PROCESS).function(stubborn)
                .tasks(Task.pairs(1, null)).timeout(java.time.Duration.ofMillis(300)).build().runAll();
        assertThat(results.getFirst().timeout()).isTrue();
        assertThat(results.getFirst().timeRun()).isLessThan(java.time.Duration.ofMillis(2500));
    }
}
