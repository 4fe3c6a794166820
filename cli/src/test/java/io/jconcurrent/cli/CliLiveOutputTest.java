package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** --line-buffer and --ungroup: output printed while tasks run, through the real CLI. */
class CliLiveOutputTest extends RealCliTest {

    @Test
    void lineBufferPrintsWholeLinesOfRunningTasksAsTheyCome() throws Exception {
        Cli.Result r = cli.run("--line-buffer", "-j", "2", "echo {}1; sleep 1.5; echo {}2", ":::", "a", "b");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).containsExactlyInAnyOrder("a1", "b1", "a2", "b2");
        // Both first lines came while both tasks ran: grouped output would print a1 a2 (or b1 b2) together.
        assertThat(lines.subList(0, 2)).containsExactlyInAnyOrder("a1", "b1");
    }

    @Test
    void outputShowsBeforeTheTaskEnds() throws Exception {
        Cli.Running run = cli.start(null, "--lb", "echo started-{}; sleep 60", ":::", "x");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!run.outSoFar().contains("started-x") && System.nanoTime() < deadline) {
            ProcessLeaks.pause(50);
        }
        assertThat(run.outSoFar()).isEqualTo("started-x\n");

        new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid())).start().waitFor();
        assertThat(run.await().exit()).isEqualTo(143);
    }

    @Test
    void ungroupPrintsALineBeforeItEnds() throws Exception {
        Cli.Running run = cli.start(null, "--ungroup", "--tag", "printf half-{}; sleep 60", ":::", "y");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!run.outSoFar().contains("half-y") && System.nanoTime() < deadline) {
            ProcessLeaks.pause(50);
        }
        assertThat(run.outSoFar()).isEqualTo("y\thalf-y");

        new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid())).start().waitFor();
        assertThat(run.await().exit()).isEqualTo(143);
    }

    @Test
    void aLastLineWithoutNewlineIsPrintedWhenTheTaskEnds() throws Exception {
        Cli.Result r = cli.run("--lb", "--tag", "printf 'one\\ntwo'", ":::", "z");

        assertThat(r.out()).isEqualTo("z\tone\nz\ttwo");
    }

    @Test
    void keepOrderWithLineBufferPrintsOneTaskAtATimeInOrder() throws Exception {
        Cli.Result r = cli.run("-k", "--lb", "-j", "3", "echo {#}a; sleep {}; echo {#}b", ":::", "1.5", "0.1", "0.5");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("1a\n1b\n2a\n2b\n3a\n3b\n");
    }

    @Test
    void keepOrderWithLineBufferStillPrintsTheFirstTaskWhileItRuns() throws Exception {
        Cli.Running run = cli.start(null, "-k", "--lb", "echo started-{}; sleep 60", ":::", "x", "y");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!run.outSoFar().contains("started-x") && System.nanoTime() < deadline) {
            ProcessLeaks.pause(50);
        }
        ProcessLeaks.pause(300);
        assertThat(run.outSoFar()).isEqualTo("started-x\n"); // y's line waits for x to end

        new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid())).start().waitFor();
        assertThat(run.await().exit()).isEqualTo(143);
    }

    @Test
    void ungroupedOutputCannotBeKeptInOrder() throws Exception {
        Cli.Result r = cli.run("-u", "-k", "echo", ":::", "a");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ungroup").contains("-k");
    }
}
