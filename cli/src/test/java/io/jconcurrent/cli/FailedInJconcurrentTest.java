package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 8 (CLI): when jconcurrent itself fails on a task (out of memory, say), the task may
 * well have run to completion: the CLI must not say it did not run, and the run fails as jconcurrent's.
 */
class FailedInJconcurrentTest {

    private static Finished finished(ProcResult r) {
        return new Finished(new Job(new TaskInput(1, 1L, "x"), 0, 1), r, RawText.bytes("touch x"));
    }

    private static ProcResult result(String cause, Throwable exception) {
        return new ProcResult(1L, List.of("x"), 0, 0, 0, Status.FAILED, StopReason.NONE, -1, "", "", false, false,
                null, cause, exception);
    }

    @Test
    void item8_aTaskLostToJconcurrentRunningOutOfMemoryIsNotSaidToHaveNotRun() {
        ProcResult r = result("internal error in jconcurrent: java.lang.OutOfMemoryError: Java heap space",
                new OutOfMemoryError("Java heap space"));

        String note = GroupedOutput.note(finished(r));

        assertThat(note).doesNotContain("did not run")
                .startsWith("jconcurrent: task 1: jconcurrent itself failed while running it, so it may or may not"
                        + " have run");
        RunStats stats = new RunStats();
        stats.accept(finished(r));
        assertThat(stats.failedInJconcurrent()).isEqualTo(1);
        assertThat(Joblog.exitval(r)).as("Exitval: parallel's -1, not an exit status").isEqualTo(-1);
    }

    @Test
    void aProgramThatCouldNotStartStillDidNotRun() {
        ProcResult r = result("program not found on PATH: nope", null);

        assertThat(GroupedOutput.note(finished(r))).isEqualTo("jconcurrent: task 1 did not run: program not found on"
                + " PATH: nope");
    }
}
