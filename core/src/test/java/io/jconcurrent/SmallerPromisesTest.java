package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Smaller promises that did not hold (issue 9, item 8). */
class SmallerPromisesTest {

    @AfterEach
    void spawnPathBack() {
        System.clearProperty("jconcurrent.spawn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item8_anArgumentListTooLongForTheKernelSaysSo(String path) throws Exception {
        System.setProperty("jconcurrent.spawn", path);
        ProcResult r = ProcRunMp.builder().command("/bin/echo").tasks(List.of(Task.of(1, "x".repeat(10 << 20))))
                .build().runAll().getFirst();
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.cause()).containsIgnoringCase("argument list too long")
                .startsWith("cannot start /bin/echo: ").doesNotContain("setsid");
    }

    /**
     * A worker JVM checks its parent every 200 ms: once the parent is killed, the worker stops running
     * (kills its session and halts) soon after. It stays a zombie until PID 1 reaps it, which some
     * containers' init does only a second or more later, so "stops running" is what is checked.
     */
    @Test
    void item8_aWorkerJvmStopsSoonAfterItsParentIsKilledWithSigkill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WorkerParentMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> below = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("parent ");
            assertThat(WorkerProcesses.await(Duration.ofSeconds(60),
                    () -> WorkerProcesses.workersOf(parent.toHandle()).size() == 2)).isTrue();
            below = parent.descendants().toList();
            List<ProcessHandle> workers = WorkerProcesses.workersOf(parent.toHandle());

            parent.destroyForcibly();
            parent.waitFor();

            // Seven times the promised check interval: room for a loaded machine, none for a slower check.
            assertThat(WorkerProcesses.await(Duration.ofMillis(1400),
                    () -> workers.stream().noneMatch(SmallerPromisesTest::running)))
                    .as("workers still running 1.4 s after their parent died").isTrue();
            WorkerProcesses.assertAllGone(below, Duration.ofSeconds(15));
        } finally {
            parent.destroyForcibly();
            below.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Alive and not a zombie. */
    private static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"), StandardCharsets.ISO_8859_1);
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
