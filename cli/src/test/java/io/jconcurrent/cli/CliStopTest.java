package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 9, item 1, through the real CLI: a stopped task runs no further command. Each task's shell
 * sleeps, then writes a line; a shell that saw its child die before being stopped itself would write
 * it. SIGINT, SIGTERM and SIGHUP (item 2: a dropped ssh session) to the CLI, {@code --halt now} and
 * {@code --timeout}, on both ways of starting a task (the JDK's launcher forced with
 * {@code -Djconcurrent.spawn=jdk} through {@code JAVA_TOOL_OPTIONS}).
 */
class CliStopTest extends RealCliTest {

    private static final int TASKS = 48;

    @ParameterizedTest
    @CsvSource({"INT,130,direct", "INT,130,jdk", "TERM,143,direct", "TERM,143,jdk", "HUP,129,direct", "HUP,129,jdk"})
    void item1_item2_aSignalToTheCliLeavesNoTaskRunningAnotherCommand(String signal, int exit, String spawn)
            throws Exception {
        String sleep = "57." + Math.abs(marker.hashCode() % 1000);
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);
        List<String> args = new ArrayList<>(List.of("-j", "0", "sh", "-c",
                "sleep " + sleep + "; echo survived $0 >> out.txt", ":::"));
        for (int i = 1; i <= TASKS; i++) {
            args.add("task" + i);
        }
        Cli.Running run = cli.start(null, args.toArray(String[]::new));
        ProcessLeaks.awaitRunning(marker, "sleep " + sleep, 2 * TASKS); // each task's sh and its sleep

        new ProcessBuilder("kill", "-" + signal, String.valueOf(run.process.pid())).start().waitFor();
        Cli.Result r = run.await();

        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err()).contains("Picked up JAVA_TOOL_OPTIONS: -Djconcurrent.spawn=" + spawn);
        ProcessLeaks.assertNoneLeft(marker); // nothing left that could still write
        assertThat(dir.resolve("out.txt")).as("commands run after the stop").doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"direct", "jdk"})
    void item1_haltNowLeavesNoTaskRunningAnotherCommand(String spawn) throws Exception {
        String sleep = "56." + Math.abs(marker.hashCode() % 1000);
        Path started = dir.resolve("started");
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);
        // The failing task waits until every other one is running, then fails: --halt now stops them all.
        List<String> args = new ArrayList<>(List.of("-j", "0", "--halt", "now,fail=1", "sh", "-c",
                "if [ $0 = bad ]; then while [ $(ls " + started + " | wc -l) -lt " + TASKS + " ]; do sleep 0.05;"
                        + " done; exit 1; fi; touch " + started + "/$0; sleep " + sleep
                        + "; echo survived $0 >> out.txt", ":::", "bad"));
        Files.createDirectory(started);
        for (int i = 1; i <= TASKS; i++) {
            args.add("task" + i);
        }

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Picked up JAVA_TOOL_OPTIONS: -Djconcurrent.spawn=" + spawn);
        ProcessLeaks.assertNoneLeft(marker);
        assertThat(dir.resolve("out.txt")).as("commands run after the stop").doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"direct", "jdk"})
    void item1_aTimeoutLeavesNoTaskRunningAnotherCommand(String spawn) throws Exception {
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);
        // The command, 8 at a time, 4 rounds.
        List<String> args = new ArrayList<>(List.of("-j", "8", "--timeout", "1", "sh", "-c",
                "sleep 3; echo survived $0 >> out.txt", ":::"));
        for (int i = 1; i <= 32; i++) {
            args.add("task" + i);
        }

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(32);
        ProcessLeaks.assertNoneLeft(marker);
        assertThat(dir.resolve("out.txt")).as("commands run after the timeout").doesNotExist();
    }
}
