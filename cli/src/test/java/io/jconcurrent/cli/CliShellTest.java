package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** When a command runs through a shell, and when it does not, through the real CLI. */
class CliShellTest extends RealCliTest {

    @Test
    void anArgvCommandPassesShellSyntaxAsText() throws Exception {
        Cli.Result r = cli.run("-k", "echo", "{}", "$(id)", ":::", "; touch injected", "`touch injected`");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("; touch injected $(id)\n`touch injected` $(id)\n");
        assertThat(dir.resolve("injected")).doesNotExist();
    }

    @Test
    void shellOptionJoinsTheWordsIntoAScriptAsParallelDoes() throws Exception {
        Cli.Result r = cli.run("-k", "--shell", "echo", "{}", "|", "tr", "a-z", "A-Z", ":::", "ab", "c;touch injected");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("AB\nC;TOUCH INJECTED\n");
        assertThat(dir.resolve("injected")).doesNotExist();
    }

    @Test
    void noShellRunsAOneStringCommandAsAProgramName() throws Exception {
        Cli.Result r = cli.run("--no-shell", "echo {}", ":::", "a");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("echo a"); // no program of that name
    }

    @Test
    void aShellOperatorInAnArgvCommandIsAUsageErrorThatSaysWhy() throws Exception {
        Cli.Result r = cli.run("echo", "{}", ">", "out.txt", ":::", "a");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'>' is a shell operator").contains("--shell").contains("--no-shell");
        assertThat(dir.resolve("out.txt")).doesNotExist();
    }

    @Test
    void noShellPassesAnOperatorAsAnArgument() throws Exception {
        Cli.Result r = cli.run("--no-shell", "echo", "{}", ">", "out.txt", ":::", "a");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("a > out.txt\n");
    }

    @Test
    void aProgramFromTheInputRunsWithItsArgumentsQuoted() throws Exception {
        Cli.Result r = cli.run("-k", "{1}", "{2}", ":::", "echo", ":::", "x;touch injected");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("x;touch injected\n");
        assertThat(dir.resolve("injected")).doesNotExist();
    }

    @Test
    void aOneStringCommandThatIsAnExistingProgramPathRunsAsAProgram() throws Exception {
        Files.writeString(dir.resolve("my prog.sh"), "#!/bin/sh\necho \"ran $1\"\n");
        dir.resolve("my prog.sh").toFile().setExecutable(true);

        Cli.Result r = cli.run(dir.resolve("my prog.sh").toString(), ":::", "x");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ran x\n");
    }

    @Test
    void parallelsVariablesReachAShellCommand() throws Exception {
        Cli.Result r = cli.run("-k", "-j1", "echo $PARALLEL_SEQ $PARALLEL_JOBSLOT {}", ":::", "a", "b");

        assertThat(r.out()).isEqualTo("1 1 a\n2 1 b\n");
    }

    @Test
    void envParallelSeqGivesArgvCommandsParallelsVariablesToo() throws Exception {
        Cli.Result without = cli.run("-k", "-j1", "sh", "-c", "echo \"[$PARALLEL_SEQ-$PARALLEL_JOBSLOT-$0]\"", ":::", "a");
        Cli.Result with = cli.run("-k", "-j1", "--env", "PARALLEL_SEQ", "sh", "-c",
                "echo \"[$PARALLEL_SEQ-$PARALLEL_JOBSLOT-$0]\"", ":::", "a", "b c");

        assertThat(without.out()).isEqualTo("[--a]\n");
        assertThat(with.exit()).as(with.err()).isZero();
        assertThat(with.out()).isEqualTo("[1-1-a]\n[2-1-b c]\n");
    }

    @Test
    void aScriptGetsParallelsVariablesWithoutAskingAsInParallel() throws Exception {
        Files.writeString(dir.resolve("job.sh"), "#!/bin/sh\necho \"[$PARALLEL_SEQ-$PARALLEL_JOBSLOT-$1]\"\n");
        dir.resolve("job.sh").toFile().setExecutable(true);
        Files.writeString(dir.resolve("no-hashbang"), "echo \"[$PARALLEL_SEQ-$1]\"\n");
        dir.resolve("no-hashbang").toFile().setExecutable(true);

        Cli.Result script = cli.run("-k", "-j1", "--joblog", "jobs.tsv", dir.resolve("job.sh").toString(), ":::", "a",
                "b c", "it's");
        Cli.Result bare = cli.run("-k", "-j1", dir.resolve("no-hashbang").toString(), ":::", "a");

        assertThat(script.exit()).as(script.err()).isZero();
        assertThat(script.out()).isEqualTo("[1-1-a]\n[2-1-b c]\n[3-1-it's]\n");
        assertThat(Files.readString(dir.resolve("jobs.tsv"))).as("the joblog shows the command as given")
                .contains("\t" + dir.resolve("job.sh") + " 'b c'\n");
        assertThat(bare.out()).isEqualTo("[1-a]\n");
    }
}
