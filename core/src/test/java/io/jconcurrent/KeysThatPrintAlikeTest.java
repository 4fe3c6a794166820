package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 7 (library): keys that would print or name a file alike are duplicates, and output
 * files of distinct keys never collide.
 */
class KeysThatPrintAlikeTest {

    @Test
    void item7_aListWithKeysThatPrintAlikeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> ProcRunAsync.builder().command("/bin/true").tasks(Task.pairs(1, null, "1", null))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate task key \"1\" at position 1 (first at position 0): \"1\" (String) and 1"
                        + " (Integer) print alike");
    }

    @Test
    void item7_inALazySourceTheSecondKeyThatPrintsAlikeFailsNamingBoth() {
        List<ProcResult> results = ProcRunAsync.builder().command("/bin/true")
                .lazyTasks(Stream.of(Task.of(1L, null), Task.of("1", null))).build().runAll().join();
        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(1).timeRun()).isZero();
        assertThat(results.get(1).cause())
                .isEqualTo("duplicate task key \"1\" at position 1: \"1\" (String) and 1 (Long) print alike");
    }

    @Test
    void item7_keysThatOnlyAFileNameWouldConfuseWriteFilesOfTheirOwn(@TempDir Path dir) throws Exception {
        OutputPolicy.ToFiles files = new OutputPolicy.ToFiles(dir);
        List<ProcResult> results = ProcRunAsync.builder().command("/bin/echo")
                .tasks(Task.pairs("a/b", "slash", "a_b", "underscore", "a%2Fb", "percent", "x\0y", "nul"))
                .output(files).build().runAll().join();
        assertThat(results).allMatch(ProcResult::success);
        assertThat(Files.readString(files.stdoutFile("a/b"))).isEqualTo("slash\n");
        assertThat(Files.readString(files.stdoutFile("a_b"))).isEqualTo("underscore\n");
        assertThat(Files.readString(files.stdoutFile("a%2Fb"))).isEqualTo("percent\n");
        assertThat(Files.readString(files.stdoutFile("x\0y"))).isEqualTo("nul\n");
        assertThat(files.stdoutFile("a/b").getFileName().toString()).isEqualTo("a%2Fb.out");
        assertThat(files.stderrFile(7).getFileName().toString()).isEqualTo("7.err");
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing.count()).isEqualTo(8);
        }
    }
}
