package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the JVM running a batch is told to exit, it takes every task's process tree with it. */
class ShutdownTest {

    @Test
    void sigtermToTheJvmKillsEveryRunningTree() throws Exception {
        String marker = ProcessLeaks.newMarker();
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), SleepingBatchMain.class.getName(), marker)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ProcessLeaks.awaitRunning(marker, 5); // sh and two sleeps, sh and a sleep
            jvm.destroy(); // SIGTERM
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
            ProcessLeaks.assertNoneLeft(marker);
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void tasksOfAFinishedBatchLeaveNothingBehind() throws Exception {
        String marker = ProcessLeaks.newMarker();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c")
                .tasks(Task.pairs(1, "sleep 300 & exit 0", 2, "(sleep 300 &) ; echo forked"))
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll();
        assertThat(results).allMatch(ProcResult::success);
        ProcessLeaks.assertNoneLeft(marker);
    }
}

