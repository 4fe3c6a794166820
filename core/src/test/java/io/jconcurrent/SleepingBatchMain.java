package io.jconcurrent;

import io.jconcurrent.testing.ProcessLeaks;
import java.util.List;
import java.util.Map;

/** Run as a separate JVM by {@link ShutdownTest}: a batch of process trees that would run for minutes. */
public final class SleepingBatchMain {

    private SleepingBatchMain() {
    }

    public static void main(String[] args) throws Exception {
        String marker = args[0];
        ProcRunMp.builder().command("/bin/sh", "-c")
                .tasks(List.of(Task.of(1, "sleep 300 & sleep 300; wait"), Task.of(2, "sleep 300")))
                .environment(Map.of(ProcessLeaks.MARK_VARIABLE, marker)).build().runAll();
    }
}
