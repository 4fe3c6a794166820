package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9, item 6 (library side): a result says which signal ended a command, apart from its exit status. */
class ExitSignalTest {

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void cleanUp() {
        System.clearProperty("jconcurrent.spawn");
        ProcessLeaks.assertNoneLeft(marker);
    }

    private ProcResult run(String path, String script) {
        System.setProperty("jconcurrent.spawn", path);
        return ProcRunAsync.builder().command("/bin/sh", "-c", script).tasks(List.of(Task.of(1, null)))
                .timeout(Duration.ofSeconds(60)).environment(ProcessLeaks.markedEnvironment(marker)).build()
                .runAll().join().getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item6_aCommandKilledByASignalHasThatSignal(String path) {
        ProcResult r = run(path, "kill -TERM $$");
        assertThat(r.signal()).isEqualTo(15);
        assertThat(r.returnCode()).isEqualTo(143);
        assertThat(r.cause()).isEqualTo("killed by signal 15 (exit code 143)");
    }

    @Test
    void item6_withDirectSpawningAnExitWithStatus143IsNotASignal() {
        ProcResult r = run("direct", "exit 143");
        assertThat(r.signal()).isZero();
        assertThat(r.returnCode()).isEqualTo(143);
        assertThat(r.cause()).isEqualTo("exit code 143");
    }

    @Test
    void aPlacementThatGivesOnlyTheExitCodeHasTheSignalInferred() {
        assertThat(new TaskEnd.Exited(137).signal()).isEqualTo(9);
        assertThat(new TaskEnd.Exited(1).signal()).isZero();
        assertThat(new TaskEnd.Exited(137, 0).signal()).isZero();
    }

    @Test
    void anExitThatIsNotASignalHasSignalZero() {
        assertThat(run("jdk", "exit 3").signal()).isZero();
        assertThat(run("direct", "exit 3").signal()).isZero();
    }
}
