package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timeout path's kill: what counts as gone, and that it leaves nothing behind. */
class TimeoutKillPathTest {

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void nothingIsLeft() {
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void aTreeHoldingAZombieIsStoppedWithoutWaitingOutTheGrace() {
        // The exec'd sleep never reaps its background child, which stays a zombie until the tree is
        // killed and init reaps it; a zombie has already ended, so the kill must not wait for it.
        List<ProcResult> results = ProcRunAsync.builder()
                .command("/bin/sh", "-c", "sleep 0.1 & exec sleep 300")
                .tasks(List.of(new Task(1, null))).workers(1)
                .timeout(Duration.ofSeconds(1)).killGrace(Duration.ofSeconds(60))
                .environment(ProcessLeaks.markedEnvironment(marker))
                .build().runAll().join();
        ProcResult r = results.getFirst();
        assertThat(r.timeout()).isTrue();
        assertThat(r.timeRun()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aTimedOutShellAndItsBackgroundChildrenAreAllGoneWhenTheResultArrives() {
        List<ProcResult> results = ProcRunAsync.builder()
                .command("/bin/sh", "-c", "sleep 300 & sleep 300 & sleep 300; :")
                .tasks(List.of(new Task(1, null))).workers(1).timeout(Duration.ofMillis(500))
                .environment(ProcessLeaks.markedEnvironment(marker))
                .build().runAll().join();
        assertThat(results.getFirst().timeout()).isTrue();
        assertThat(ProcessLeaks.withMarker(marker)).isEmpty();
    }
}
