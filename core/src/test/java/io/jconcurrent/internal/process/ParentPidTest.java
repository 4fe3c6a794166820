package io.jconcurrent.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ProcessTree#parentPid}: what a worker JVM polls to see its parent die. */
class ParentPidTest {

    @Test
    void aChildsParentIsThisJvm() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcessTree.parentPid(child.pid())).isEqualTo(ProcessHandle.current().pid());
            assertThat(ProcessTree.parentPid(ProcessHandle.current().pid()))
                    .isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aProcessThatIsNotThereHasNone() {
        assertThat(ProcessTree.parentPid(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
