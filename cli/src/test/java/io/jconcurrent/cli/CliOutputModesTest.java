package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --dry-run, --results and --files through the real CLI. */
class CliOutputModesTest extends RealCliTest {

    @Test
    void dryRunPrintsEachCommandAndRunsNothing() throws Exception {
        Cli.Result r = cli.run("-k", "--dry-run", "touch", "{}", "{#}-{%}", ":::", "a b", "c");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("touch 'a b' 1-1\ntouch c 2-1\n");
        assertThat(dir.resolve("a b")).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void resultsWritesParallelsLayoutAndEachResultAsJson() throws Exception {
        Cli.Result r = cli.run("-k", "--results", "out", "sh", "-c", "echo o$0; echo e$0 >&2; exit $1", ":::", "a",
                "b/c d", ":::", "0", "3");

        assertThat(r.exit()).isEqualTo(2);
        Path a0 = dir.resolve("out/1/a/2/0");
        assertThat(Files.readString(a0.resolve("stdout"))).isEqualTo("oa\n");
        assertThat(Files.readString(a0.resolve("stderr"))).isEqualTo("ea\n");
        assertThat(Files.readString(a0.resolve("seq"))).isEqualTo("1");
        Path b3 = dir.resolve("out/1/b\\_c d/2/3");
        assertThat(Files.readString(b3.resolve("stdout"))).isEqualTo("ob/c d\n");
        JsonNode json = new ObjectMapper().readTree(b3.resolve("result.json").toFile());
        assertThat(json.get("returncode").intValue()).isEqualTo(3);
        assertThat(json.get("success").booleanValue()).isFalse();
        assertThat(json.get("seq").intValue()).isEqualTo(4);
        assertThat(r.out()).contains("oa\n"); // output is printed as well, as parallel's tutorial shows
    }

    @Test
    void resultsKeepEveryTaskInADirectoryOfItsOwnInsideDir() throws Exception {
        // parallel 20221122 writes ".." into DIR itself and "." and "" into DIR/1, over each other's files.
        Cli.Result r = cli.run("-k", "--results", "out/x", "echo", ":::", "..", ".", "", "../..");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/x/1/\\../stdout"))).isEqualTo("..\n");
        assertThat(Files.readString(dir.resolve("out/x/1/\\./stdout"))).isEqualTo(".\n");
        assertThat(Files.readString(dir.resolve("out/x/1/\\/stdout"))).isEqualTo("\n");
        assertThat(Files.readString(dir.resolve("out/x/1/..\\_../stdout"))).isEqualTo("../..\n");
        assertThat(dir.resolve("out/x/stdout")).doesNotExist();
        assertThat(dir.resolve("out/stdout")).doesNotExist();
        assertThat(dir.resolve("out/x/1/stdout")).doesNotExist();
    }

    @Test
    void resultsInParallelsFileFormatsAreRefusedWithWhatToUse() throws Exception {
        Cli.Result r = cli.run("--results", "out.csv", "echo", ":::", "a");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--json").contains("--joblog");
    }

    @Test
    void traceOptionPrintsEachCommandOnStderrAsItStarts() throws Exception {
        Cli.Result r = cli.run("-t", "echo", ":::", "a b");

        assertThat(r.out()).isEqualTo("a b\n");
        assertThat(r.err()).isEqualTo("echo 'a b'\n");
    }

    @Test
    void tmpdirHoldsTheFilesOfFiles() throws Exception {
        Path tmp = java.nio.file.Files.createDirectory(dir.resolve("tmp"));

        Cli.Result r = cli.run("--tmpdir", tmp.toString(), "--files", "echo", ":::", "x");

        assertThat(r.out().strip()).startsWith(tmp.toString());
        assertThat(Files.readString(Path.of(r.out().strip()))).isEqualTo("x\n");
    }

    @Test
    void filesPrintsWhereEachTasksOutputIs() throws Exception {
        Cli.Result r = cli.run("-k", "--files", "echo", ":::", "x", "y");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> names = r.outLines();
        assertThat(names).hasSize(2).allSatisfy(n -> assertThat(n).endsWith(".par"));
        try {
            assertThat(Files.readString(Path.of(names.get(0)))).isEqualTo("x\n");
            assertThat(Files.readString(Path.of(names.get(1)))).isEqualTo("y\n");
        } finally {
            for (String n : names) {
                Files.deleteIfExists(Path.of(n));
            }
        }
    }
}
