package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the CLI prints, through the real CLI. */
class CliOutputTest extends RealCliTest {

    @Test
    void eachTasksOutputIsPrintedWholeNeverInterleaved() throws Exception {
        // Three tasks write five lines each, slowly and at the same time.
        Cli.Result r = cli.run("-j", "3", "sh", "-c",
                "for i in 1 2 3 4 5; do echo $0-$i; echo err-$0-$i >&2; sleep 0.05; done", ":::", "a", "b", "c");

        assertThat(r.exit()).isZero();
        assertThat(blocks(r.outLines())).hasSize(3).allSatisfy(block -> assertThat(block).hasSize(5));
        assertThat(blocks(List.of(r.err().split("\n")))).hasSize(3);
    }

    /** Consecutive lines grouped by the task name before the first dash. */
    private static List<List<String>> blocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        String current = null;
        for (String line : lines) {
            String task = line.replace("err-", "").substring(0, 1);
            if (!task.equals(current)) {
                blocks.add(new ArrayList<>());
                current = task;
            }
            blocks.getLast().add(line);
        }
        return blocks;
    }

    @Test
    void jsonHasEveryFieldOfTheResultUnderTheSeedsNames() throws Exception {
        Cli.Result r = cli.run("--json", "sh", "-c", "echo out-$0; echo err-$0 >&2; exit 3", ":::", "x");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = CliInputTest.parse(r.outLines()).getFirst();
        assertThat(j.fieldNames()).toIterable().contains("key", "arg", "time_start", "time_run", "success", "timeout",
                "returncode", "stdout", "stderr", "answer", "status", "stop_reason", "queue_wait", "stdout_truncated",
                "stderr_truncated", "cause", "exception", "seq", "attempts", "command");
        assertThat(j.get("key").longValue()).isEqualTo(1);
        assertThat(j.get("arg").asText()).isEqualTo("x");
        assertThat(j.get("time_start").doubleValue() * 1000).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(120_000.0));
        assertThat(j.get("time_run").doubleValue()).isNotNegative();
        assertThat(j.get("success").booleanValue()).isFalse();
        assertThat(j.get("timeout").booleanValue()).isFalse();
        assertThat(j.get("returncode").intValue()).isEqualTo(3);
        assertThat(j.get("stdout").asText()).isEqualTo("out-x\n");
        assertThat(j.get("stderr").asText()).isEqualTo("err-x\n");
        assertThat(j.get("answer").isNull()).isTrue();
        assertThat(j.get("status").asText()).isEqualTo("failed");
        assertThat(j.get("cause").asText()).contains("3");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void keepOrderPrintsInInputOrderWhateverFinishesFirst() throws Exception {
        Cli.Result r = cli.run("-k", "-j", "0", "sh", "-c", "sleep $0; echo $0", ":::", "0.6", "0.3", "0");

        assertThat(r.out()).isEqualTo("0.6\n0.3\n0\n");
    }

    @Test
    void printResultsEndsWithTheSeedsReport() throws Exception {
        Cli.Result r = cli.run("--print-results", "echo", ":::", "hello");

        assertThat(r.out()).startsWith("hello\n").contains("Test start time").contains("key                 : 1")
                .contains("  arg               : hello").contains("  success           : true");
    }

    @Test
    void progressBarWhenForcedShowsCountsOnStderr() throws Exception {
        Cli.Result r = cli.run("--bar-always", "true", ":::", "1", "2", "3");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("3/3").contains("100%");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void progressBarIsNotDrawnWhenStderrIsNotATerminal() throws Exception {
        Cli.Result r = cli.run("--bar", "true", ":::", "1");

        assertThat(r.err()).isEmpty();
    }

    @Test
    void versionAndHelpExitZero() throws Exception {
        Cli.Result version = cli.run("--version");
        Cli.Result help = cli.run("--help");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("jconcurrent: version ");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--jobs").contains("--timeout").contains("--joblog").contains(":::")
                .contains("Exit status");
    }
}
