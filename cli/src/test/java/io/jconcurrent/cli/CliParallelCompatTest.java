package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, item 6: the joblog and the exit status as GNU parallel writes them where scripts read them.
 * Each expected value is what GNU parallel 20221122 gave for the same command line (with {@code -q},
 * since jconcurrent passes argv without a shell).
 */
class CliParallelCompatTest extends RealCliTest {

    private List<String[]> rows(Path joblog) throws Exception {
        return Files.readAllLines(joblog).stream().skip(1).map(l -> l.split("\t", -1)).toList();
    }

    @Test
    void item6_aTaskKilledBySignalHasExitval0AndTheSignalInTheJoblog() throws Exception {
        Path joblog = dir.resolve("log.tsv");

        cli.run("-j", "1", "--joblog", joblog.toString(), "sh", "-c", "kill -$0 $$", ":::", "9", "15", "2", "6");

        assertThat(rows(joblog)).extracting(r -> r[6] + " " + r[7] + " " + r[8]).containsExactly(
                "0 9 sh -c 'kill -$0 $$' 9", "0 15 sh -c 'kill -$0 $$' 15", "0 2 sh -c 'kill -$0 $$' 2",
                "0 6 sh -c 'kill -$0 $$' 6");
    }

    @Test
    void item6_anExitStatusAbove128IsNotASignal() throws Exception {
        Path joblog = dir.resolve("log.tsv");
        // Tasks started before the direct spawner is bound go through the JDK's launcher, which reports
        // exit 130 and SIGINT alike (docs/cli.md); this one waits for the direct spawner.
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=direct");

        cli.run("--joblog", joblog.toString(), "sh", "-c", "exit 130", ":::", "1");

        assertThat(rows(joblog)).extracting(r -> r[6] + " " + r[7]).containsExactly("130 0");
    }

    @Test
    void item6_theCommandColumnIsShellQuotedAsParallelQuotesIt() throws Exception {
        Path joblog = dir.resolve("log.tsv");

        cli.run("-j", "1", "--joblog", joblog.toString(), "true", ":::", "a b", "it's", "x\"y", "$HOME", "tab\tx", "",
                "nl\nx", "back\\slash", "é", "a+b", "-x", "a%b", "'", "/p/q_r.s");

        assertThat(rows(joblog)).extracting(r -> String.join("\t", List.of(r).subList(8, r.length))).containsExactly(
                "true 'a b'", "true 'it'\"'\"'s'", "true 'x\"y'", "true '$HOME'", "true 'tab\tx'", "true ''",
                "true 'nl\0x'", "true 'back\\slash'", "true 'é'", "true a+b", "true -x", "true 'a%b'",
                "true \"'\"", "true /p/q_r.s");
    }

    static Stream<Arguments> halts() {
        return Stream.of(
                Arguments.of("now,fail=1", "0 5 0", 5, List.of("This job failed:", "sh -c 'exit $0' 5")),
                Arguments.of("now,success=1", "3 0 4", 0, List.of("This job succeeded:", "sh -c 'exit $0' 0")),
                Arguments.of("now,success=50%", "3 0 0 4", 0, List.of("This job succeeded:", "sh -c 'exit $0' 0",
                        "This job succeeded:", "sh -c 'exit $0' 0")),
                Arguments.of("soon,fail=50%", "1 0 2 0 3", 60, List.of("This job failed:", "sh -c 'exit $0' 1",
                        "This job failed:", "sh -c 'exit $0' 2", "This job failed:", "sh -c 'exit $0' 3")),
                Arguments.of("soon,fail=2", "1 0 2 0 3", 2, List.of("This job failed:", "sh -c 'exit $0' 1",
                        "This job failed:", "sh -c 'exit $0' 2")),
                Arguments.of("now,done=1", "3 0", 3, List.of("This job finished:", "sh -c 'exit $0' 3")),
                Arguments.of("never", "1 0 2", 2, List.of()));
    }

    @ParameterizedTest
    @MethodSource("halts")
    void item6_haltExitsAsParallelAndSaysWhyOnStderr(String halt, String codes, int exit, List<String> said)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("-j", "1", "--halt", halt, "sh", "-c", "exit $0", ":::"));
        args.addAll(List.of(codes.split(" ")));

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err().lines().map(l -> l.replaceFirst("^jconcurrent: ", "")).toList())
                .containsExactlyElementsOf(said);
    }

    @Test
    void item6_haltFailOneExitsWith128PlusTheSignalOfTheTaskThatMetIt() throws Exception {
        Cli.Result r = cli.run("--halt", "now,fail=1", "sh", "-c", "kill -9 $$", ":::", "1");

        assertThat(r.exit()).isEqualTo(137);
    }

    @Test
    void haltNowSaysItStopsTheRunningTasks() throws Exception {
        String sleep = "58." + Math.abs(marker.hashCode() % 1000);

        Cli.Result r = cli.run("-j", "2", "--halt", "now,fail=1", "sh", "-c",
                "if [ $0 = bad ]; then sleep 0.3; exit 4; fi; exec sleep " + sleep, ":::", "slow", "bad");

        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("jconcurrent: Stopping the 1 running jobs (--halt now,fail=1).");
    }
}
