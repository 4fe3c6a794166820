package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** printResults() prints the seed's report shape; version() names the library. */
class ReportTest {

    @Test
    void printResultsPrintsTheSeedsReportShape() throws Exception {
        ProcRunMp run = new ProcRunMp(List.of("/bin/sh", "-c", "echo hi $0"), Task.pairs("k1", "x"));
        run.runAll();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        run.printResults(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report).startsWith("**********\nTest start time : ");
        assertThat(report).contains(" Total run time : ", "=".repeat(40) + "\n",
                "key                 : k1\n", "  success           : true\n", "  timeout           : false\n",
                "  arg               : x\n", "  returncode        : 0\n", "  stdout            : hi x\n");
        assertThat(report).doesNotContain("  answer");
    }

    @Test
    void versionNamesTheLibrary() {
        assertThat(ProcRunAsync.version()).matches("jconcurrent: version \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)? \\(\\d{4}-\\d{2}-\\d{2}\\)");
        assertThat(ProcRunMp.version()).isEqualTo(ProcRunAsync.version());
    }
}
