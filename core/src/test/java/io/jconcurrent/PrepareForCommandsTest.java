package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RunnerBuilder#prepareForCommands()}: background set-up only, then commands run as usual. */
class PrepareForCommandsTest {

    @Test
    void startsNoProcessAndCommandsRunAfterIt() {
        long childrenBefore = ProcessHandle.current().children().count();

        RunnerBuilder.prepareForCommands();
        RunnerBuilder.prepareForCommands(); // a repeat call does nothing
        ProcessLeaks.pause(300);

        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
        List<ProcResult> results = ProcRunAsync.builder().command("/bin/sh", "-c", "echo $0")
                .tasks(Task.pairs(1, "a", 2, "b")).build().runAll().join();
        assertThat(results).extracting(ProcResult::stdout).containsExactly("a\n", "b\n");
    }
}
