package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeouts, retries and halting, through the real CLI. */
class CliPolicyTest extends RealCliTest {

    @Test
    void timeoutKillsTheTasksWholeProcessTree() throws Exception {
        String sleep = "53." + Math.abs(marker.hashCode() % 1000);
        long start = System.nanoTime();

        Cli.Result r = cli.run("--timeout", "1", "--json", "sh", "-c",
                "sleep " + sleep + " & (sleep " + sleep + " &); sleep " + sleep + "; echo $0", ":::", "t");

        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
        assertThat(r.exit()).isEqualTo(1);
        JsonNode result = CliInputTest.parse(r.outLines()).getFirst();
        assertThat(result.get("timeout").booleanValue()).isTrue();
        assertThat(result.get("status").asText()).isEqualTo("timed_out");
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void timeoutIsNotedOnStderrInGroupedOutput() throws Exception {
        Cli.Result r = cli.run("--timeout", "0.5", "sleep", ":::", "30");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("timed out").contains("sleep 30");
    }

    @Test
    void percentTimeoutStopsATaskFarSlowerThanTheMedianOfThoseBefore() throws Exception {
        // The limit becomes 10 times the median of about 0.3 s: generous for the quick ones on a busy machine.
        Cli.Result r = cli.run("-j", "1", "--timeout", "1000%", "--json", "sleep", ":::", "0.3", "0.3", "0.3", "30",
                "0.3");

        assertThat(r.exit()).isEqualTo(1);
        List<JsonNode> results = CliInputTest.parse(r.outLines());
        assertThat(results).extracting(j -> j.get("timeout").booleanValue())
                .containsExactly(false, false, false, true, false);
        assertThat(results.get(3).get("time_run").doubleValue()).isLessThan(20);
    }

    @Test
    void retriesRunAFailingTaskAgainUntilItSucceeds() throws Exception {
        Path count = dir.resolve("count");
        // Fails on the first two runs, succeeds on the third.
        String script = "echo x >> " + count + "; [ $(wc -l < " + count + ") -ge 3 ]";

        Cli.Result r = cli.run("--retries", "3", "--json", "sh", "-c", script, ":::", "a");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(count)).hasSize(3);
        JsonNode result = CliInputTest.parse(r.outLines()).getFirst();
        assertThat(result.get("attempts").intValue()).isEqualTo(3);
        assertThat(result.get("success").booleanValue()).isTrue();
    }

    @Test
    void retriesGiveUpAfterNRunsInAll() throws Exception {
        Path count = dir.resolve("count");

        Cli.Result r = cli.run("--retries", "3", "sh", "-c", "echo x >> " + count + "; exit 1", ":::", "a");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(Files.readAllLines(count)).hasSize(3);
    }

    @Test
    void haltNowStopsRunningTasksAtTheFirstFailure() throws Exception {
        String sleep = "59." + Math.abs(marker.hashCode() % 1000);
        long start = System.nanoTime();

        Cli.Result r = cli.run("-j", "3", "--halt", "now,fail=1", "--json", "sh", "-c",
                "if [ $0 = bad ]; then sleep 0.5; exit 4; fi; exec sleep " + sleep, ":::", "slow1", "bad", "slow2",
                "never");

        assertThat(System.nanoTime() - start).isLessThan(40_000_000_000L);
        assertThat(r.exit()).as("the failing task's status, as parallel").isEqualTo(4);
        List<JsonNode> results = CliInputTest.parse(r.outLines());
        assertThat(results).extracting(j -> j.get("arg").asText()).containsExactlyInAnyOrder("slow1", "bad", "slow2");
        assertThat(results).filteredOn(j -> j.get("arg").asText().startsWith("slow"))
                .allSatisfy(j -> {
                    assertThat(j.get("status").asText()).isEqualTo("cancelled");
                    // --halt now,fail=1 is the library's fail-fast, not a cancellation of the batch
                    assertThat(j.get("stop_reason").asText()).isEqualTo("fail_fast");
                });
    }

    @Test
    void haltNowOnAnotherConditionStopsRunningTasksAsTheLibrarysHalt() throws Exception {
        String sleep = "58." + Math.abs(marker.hashCode() % 1000);

        Cli.Result r = cli.run("-j", "2", "--halt", "now,done=1", "--json", "sh", "-c",
                "if [ $0 = quick ]; then exit 0; fi; exec sleep " + sleep, ":::", "slow", "quick");

        List<JsonNode> results = CliInputTest.parse(r.outLines());
        assertThat(results).filteredOn(j -> j.get("arg").asText().equals("slow"))
                .singleElement().satisfies(j -> {
                    assertThat(j.get("status").asText()).isEqualTo("cancelled");
                    assertThat(j.get("stop_reason").asText()).isEqualTo("halt");
                });
    }

    @Test
    void haltSoonStartsNoNewTaskButLetsRunningOnesFinish() throws Exception {
        Cli.Result r = cli.run("-j", "2", "--halt", "soon,fail=1", "--json", "sh", "-c",
                "if [ $0 = bad ]; then exit 4; fi; sleep 1; echo finished $0", ":::", "bad", "running", "later1",
                "later2");

        assertThat(r.exit()).as("the failing task's status, as parallel").isEqualTo(4);
        List<JsonNode> results = CliInputTest.parse(r.outLines());
        assertThat(results).extracting(j -> j.get("arg").asText()).containsExactlyInAnyOrder("bad", "running");
        assertThat(results).filteredOn(j -> j.get("arg").asText().equals("running"))
                .allSatisfy(j -> assertThat(j.get("stdout").asText()).isEqualTo("finished running\n"));
    }
}
