package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every exit status the CLI promises, through the real CLI. */
class CliExitStatusTest extends RealCliTest {

    @Test
    void allSucceedingExitsZero() throws Exception {
        assertThat(cli.run("true", ":::", "1", "2", "3").exit()).isZero();
    }

    @Test
    void noTasksAtAllExitsZero() throws Exception {
        assertThat(cli.runWithInput("", "echo").exit()).isZero();
    }

    @Test
    void exitStatusIsTheNumberOfFailedTasks() throws Exception {
        Cli.Result r = cli.run("sh", "-c", "exit $0", ":::", "0", "1", "0", "7", "3");

        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    void exitStatusIsCappedAt101() throws Exception {
        List<String> args = new ArrayList<>(List.of("-j", "0", "false", ":::"));
        for (int i = 0; i < 103; i++) {
            args.add(String.valueOf(i));
        }

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(101);
    }

    @Test
    void missingProgramCountsAsAFailureAndSaysSo() throws Exception {
        Cli.Result r = cli.run("no-such-program-jc", ":::", "a");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-program-jc");
    }

    /** A few through the real CLI; {@link MainTest} checks every kind in-process. */
    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--no-such-option", "echo", ":::", "a"), "--no-such-option"),
                Arguments.of(List.of("--no-shell", "-j", "2"), "missing command"),
                Arguments.of(List.of("echo", "::::", "/no/such/file"), "/no/such/file"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorExitsTwoWithAMessageOnStderrAndRunsNothing(List<String> args, String named) throws Exception {
        Path witness = dir.resolve("ran");

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(named).contains("--help");
        assertThat(r.out()).isEmpty();
        assertThat(witness).doesNotExist();
    }

    @Test
    void badJsonLineIsAUsageErrorNamingTheLineAndNothingRuns() throws Exception {
        Path tasks = dir.resolve("tasks.jsonl");
        Path witness = dir.resolve("ran");
        Files.writeString(tasks, """
                {"key": "a", "arg": "1"}
                {"key": "b", "arg": "2"}
                {"key": "c", "arg": oops}
                """);

        Cli.Result r = cli.run("--tasks", tasks.toString(), "touch", witness.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(tasks + ":3");
        assertThat(witness).doesNotExist();
    }

    @Test
    void ctrlCStopsRunningTasksKeepsFinishedOnesAndExits130() throws Exception {
        assertStoppedBySignal("INT", 130);
    }

    @Test
    void sigtermStopsRunningTasksKeepsFinishedOnesAndExits143() throws Exception {
        assertStoppedBySignal("TERM", 143);
    }

    /** Item 2, on both ways of starting a task (the JDK's launcher forced through {@code JAVA_TOOL_OPTIONS}). */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item2_sighupStopsRunningTasksLikeSigtermLeavesThemOutOfTheJoblogAndExits129(String spawn) throws Exception {
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);
        assertStoppedBySignal("HUP", 129);
    }

    /** Item 5, on both ways of starting a task, as item 2. */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item5_aClosedStdoutStopsTheRunWithoutJoblogRowsForStoppedTasksAndExits141(String spawn) throws Exception {
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);
        Path joblog = dir.resolve("joblog.tsv");
        List<String> args = new ArrayList<>(List.of("-j", "2", "--joblog", joblog.toString(), "sh", "-c",
                "echo $0; sleep 0.05", ":::"));
        for (int i = 1; i <= 500; i++) {
            args.add(String.valueOf(i));
        }
        Process cliProcess = cli.startWith(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.DISCARD,
                args.toArray(String[]::new));
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(cliProcess.getInputStream()))) {
            assertThat(out.readLine()).isNotNull(); // as `| head -1`: one line, then the pipe is closed
        }
        assertThat(cliProcess.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(cliProcess.exitValue()).isEqualTo(141);
        List<String> rows = Files.readAllLines(joblog);
        assertThat(rows.size() - 1).as("tasks that finished before the pipe closed").isLessThan(100);
        assertThat(rows.stream().skip(1).map(row -> row.split("\t")[6])).as("no stopped task logged")
                .containsOnly("0");
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void aStdoutThatCannotBeWrittenStopsTheRunSayingSoAndExits255() throws Exception {
        Path err = dir.resolve("err.txt");
        Process cliProcess = cli.startWith(ProcessBuilder.Redirect.to(new java.io.File("/dev/full")),
                ProcessBuilder.Redirect.to(err.toFile()), "-j", "1", "sh", "-c", "echo $0; sleep 0.05", ":::",
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(cliProcess.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(cliProcess.exitValue()).isEqualTo(255);
        assertThat(Files.readString(err)).contains("jconcurrent: cannot write to stdout: No space left on device");
        ProcessLeaks.assertNoneLeft(marker);
    }

    private void assertStoppedBySignal(String signal, int expectedExit) throws Exception {
        Path joblog = dir.resolve("joblog.tsv");
        String sleep = "61." + Math.abs(marker.hashCode() % 1000);
        Cli.Running run = cli.start(null, "-j", "3", "--joblog", joblog.toString(), "sh", "-c",
                "if [ $0 = quick ]; then echo done-quick; else sleep " + sleep + " & sleep " + sleep + "; fi",
                ":::", "quick", "slow1", "slow2");
        ProcessLeaks.awaitRunning(marker, "sleep " + sleep, 4);
        awaitRows(joblog, 1);
        // The launcher exec'd the JVM: the signal goes to jconcurrent itself, not to a shell around it.
        assertThat(run.process.toHandle().info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("/java"));

        new ProcessBuilder("kill", "-" + signal, String.valueOf(run.process.pid())).start().waitFor();
        Cli.Result r = run.await();

        assertThat(r.exit()).isEqualTo(expectedExit);
        assertThat(r.out()).contains("done-quick");
        List<String> rows = Files.readAllLines(joblog);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).contains("quick");
        ProcessLeaks.assertNoneLeft(marker);
    }

    static void awaitRows(Path joblog, int rows) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(joblog) && Files.readAllLines(joblog).size() >= rows + 1) {
                return;
            }
            ProcessLeaks.pause(20);
        }
        throw new AssertionError("joblog " + joblog + " did not get " + rows + " rows in 20 s");
    }
}
