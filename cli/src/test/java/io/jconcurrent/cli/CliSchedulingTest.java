package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scheduling options parallel's scripts pass, through the real CLI. */
class CliSchedulingTest extends RealCliTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The highest job slot that six one-second tasks used: how many ran at once. */
    private int slotsUsed(String... jobsOption) throws Exception {
        List<String> args = new ArrayList<>(List.of(jobsOption));
        args.addAll(List.of("sleep 1; echo {%}", ":::", "1", "2", "3", "4", "5", "6"));
        Cli.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.outLines().stream().mapToInt(Integer::parseInt).max().orElseThrow();
    }

    @Test
    void item6_jobsRelativeToTheCoresAsParallel() throws Exception {
        assertThat(slotsUsed("-j", "+1")).isEqualTo(Math.min(6, CORES + 1));
        assertThat(slotsUsed("-j", "-1")).isEqualTo(Math.max(1, CORES - 1));
        assertThat(slotsUsed("-P", "50%")).isEqualTo(Math.max(1, CORES / 2));
        assertThat(slotsUsed("--max-procs", "3")).isEqualTo(3);
    }

    @Test
    void delayLeavesTimeBetweenStarts() throws Exception {
        Path joblog = dir.resolve("delay.joblog");
        Cli.Result r = cli.run("-j", "4", "--delay", "0.3", "--joblog", joblog.toString(), "true", ":::", "1", "2", "3", "4");

        assertThat(r.exit()).as(r.err()).isZero();
        // The joblog's Starttime is when each process started. Turns are handed out 0.3 s apart, as parallel
        // does, but a process can start later than its turn: the first one of a fresh JVM most of all (its
        // launcher's first use), and any one on a loaded machine. So the check skips the first start and
        // allows one late start in the two turns (0.6 s) from the second start to the fourth.
        List<Double> starts = Files.readAllLines(joblog).stream().skip(1)
                .map(row -> Double.parseDouble(row.split("\t")[2])).sorted().toList();
        assertThat(starts).hasSize(4);
        assertThat(starts.get(3) - starts.get(1)).isGreaterThanOrEqualTo(0.45);
    }

    @Test
    void shufRunsEveryTaskOnceInAnotherOrder() throws Exception {
        List<String> args = new ArrayList<>(List.of("-j", "1", "--shuf", "echo", ":::"));
        List<String> values = IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).toList();
        args.addAll(values);

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.outLines()).containsExactlyInAnyOrderElementsOf(values).isNotEqualTo(values);
    }

    @Test
    void workdirRunsTasksThere() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub dir"));

        Cli.Result r = cli.run("--wd", sub.toString(), "pwd", ":::", "1");
        Cli.Result missing = cli.run("--workdir", dir.resolve("nope").toString(), "pwd", ":::", "1");

        assertThat(r.out().strip()).isEqualTo(sub.toRealPath().toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such directory");
    }

    @Test
    void envNamesAreAcceptedAndTheEnvironmentPasses() throws Exception {
        Cli.Result r = cli.run("--env", "HOME", "--env", "_", "echo $HOME {}", ":::", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(System.getenv("HOME") + " 1");
    }

    @Test
    void progressAndEtaDrawTheBarOnStderr() throws Exception {
        Cli.Result r = cli.run("--eta", "true", ":::", "1", "2");
        Cli.Result p = cli.run("--progress", "true", ":::", "1");

        assertThat(r.err()).contains("2/2");
        assertThat(p.err()).contains("1/1");
    }

    @Test
    void memfreeHoldsTasksBackUntilMemoryIsFree() throws Exception {
        Cli.Result enough = cli.run("--memfree", "1K", "echo", ":::", "ran");
        assertThat(enough.out()).isEqualTo("ran\n");

        Cli.Running held = cli.start(null, "--memfree", "100000G", "touch", "started", ":::", "1");
        ProcessLeaks.pause(1500);
        assertThat(dir.resolve("started")).doesNotExist();
        new ProcessBuilder("kill", "-TERM", String.valueOf(held.process.pid())).start().waitFor();
        assertThat(held.await().exit()).isEqualTo(143);
        assertThat(dir.resolve("started")).doesNotExist();
    }

    @Test
    void loadAllowsStartsBelowTheLimit() throws Exception {
        Cli.Result r = cli.run("--load", "10000", "echo", ":::", "ran");

        assertThat(r.out()).isEqualTo("ran\n");
    }

    @Test
    void haltOnErrorIsParallelsOldNameForHalt() throws Exception {
        Path joblog = dir.resolve("log");
        Cli.Result r = cli.run("-j1", "--halt-on-error", "1", "--joblog", joblog.toString(), "-q", "sh", "-c",
                "exit $0", ":::", "0", "3", "0", "0");

        assertThat(r.exit()).isNotZero().isNotEqualTo(2);
        assertThat(Files.readAllLines(joblog)).hasSize(3); // header, the success, the failure: nothing after
    }

    @Test
    void citationOptionsAreAcceptedSilently() throws Exception {
        Cli.Result r = cli.run("--will-cite", "--citation", "echo", ":::", "a");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("a\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void pipeFeedsEachTaskABlockOfWholeLinesInBoundedMemory() throws Exception {
        // 200 MB through a JVM of at most 48 MB of heap: blocks go through files, never whole into memory.
        ByteRun.Result r = ByteRun.shell(dir, marker, null, "yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 209716000"
                + " | JAVA_TOOL_OPTIONS=-Xmx48m \"$JCONCURRENT_LAUNCHER\" --pipe --block 16M "
                + "'f=block.$$; cat > $f; wc -lc < $f; tail -c 1 $f | od -c | head -1; rm $f'");

        assertThat(r.exit()).as(r.err()).isZero();
        long bytes = 0;
        long lines = 0;
        List<String> out = List.of(r.text().split("\n"));
        for (String line : out) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                lines += Long.parseLong(f[0]);
                bytes += Long.parseLong(f[1]);
            }
        }
        assertThat(bytes).isEqualTo(209_716_000L);
        assertThat(lines).isEqualTo(209_716_000L / 37);
        assertThat(out.stream().filter(l -> l.startsWith("0000000")).toList()).hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(l -> assertThat(l).endsWith("\\n")); // each block ends at a line end (the last too)
    }
}
