package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sweep after a stop's grace looks through {@code /proc} again only when a process may have been
 * created since the tree was looked at; these are the cases where one was, by the stopped task itself.
 */
class KillSweepTest {

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void cleanUp() {
        System.clearProperty("jconcurrent.spawn");
        ProcessLeaks.killAll(marker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aProcessStartedByATermHandlerAfterTheGroupWasSignalledIsKilledToo(String path) {
        System.setProperty("jconcurrent.spawn", path);
        // The shell's SIGTERM handler starts a sleep after the group has been signalled, and exits:
        // the sweep's look through /proc is what finds it (the sleep lets go of the output pipes, so
        // the look for leftovers that held them does not).
        String script = "trap 'sleep 301 >/dev/null 2>&1 & exit 0' TERM; sleep 300 & wait";
        ProcResult r = ProcRunAsync.builder().command("/bin/sh", "-c", script).tasks(List.of(Task.of(1, null)))
                .timeout(Duration.ofMillis(500)).killGrace(Duration.ofSeconds(2))
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll().join().getFirst();
        assertThat(r.timeout()).as(r.toString()).isTrue();
        ProcessLeaks.assertNoneLeft(marker);
    }
}
