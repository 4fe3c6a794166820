package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9, items 3 (output) and 4: what a task prints is printed byte for byte and whole, in bounded memory. */
class CliExactOutputTest extends RealCliTest {

    /** What the JVM prints first on stderr when {@code JAVA_TOOL_OPTIONS} chooses the spawn path. */
    private static final String JVM_NOTE = "Picked up JAVA_TOOL_OPTIONS: -Djconcurrent.spawn=";

    /** On both ways of starting a task: each reads the task's pipes its own way. */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item3_outputThatIsNotTextIsPrintedByteForByte(String spawn) throws Exception {
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);
        byte[] random = new byte[100_000];
        new Random(9).nextBytes(random);
        Path gz = dir.resolve("rnd.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(random);
        }

        Cli.Result r = cli.run("gzip", "-dc", ":::", gz.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.outBytes().length).isEqualTo(random.length);
        assertThat(r.outBytes()).isEqualTo(random);
        assertThat(r.err()).isEqualTo(JVM_NOTE + spawn + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item3_stderrIsPrintedByteForByteToo(String spawn) throws Exception {
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Djconcurrent.spawn=" + spawn);

        Cli.Result r = cli.run("sh", "-c", "printf 'caf\\351\\000\\377' >&2", ":::", "1");

        assertThat(r.exit()).isZero();
        byte[] note = (JVM_NOTE + spawn + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(r.errBytes()).startsWith(note);
        assertThat(Arrays.copyOfRange(r.errBytes(), note.length, r.errBytes().length))
                .containsExactly('c', 'a', 'f', 0xE9, 0, 0xFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item4_outputOfAHundredMegabytesIsPrintedWholeByACliWithAThirtyTwoMegabyteHeap(String spawn) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Xmx32m -Djconcurrent.spawn=" + spawn)
                .withEnvironment("TMPDIR", tmp.toString());

        Cli.Result r = cli.run("-j", "2", "head", "-c", "50000000", ":::", "/dev/zero", "/dev/zero");

        assertThat(r.exit()).isZero();
        assertThat(r.outBytes().length).isEqualTo(100_000_000);
        assertThat(r.err()).doesNotContain("jconcurrent:").doesNotContain("OutOfMemoryError");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("spooled output leaves no file behind").isEmpty();
        }
    }

    @Test
    void item4_spooledOutputIsOwnerOnlyAndLeavesNoFileEvenWhenTheCliIsKilled() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        cli.withEnvironment("TMPDIR", tmp.toString());

        Cli.Running run = cli.start(null, "sh", "-c", "head -c 1000000 /dev/zero; sleep 58.4", ":::", "1");
        Path spool = awaitSpoolFile(run.process.pid(), tmp);
        awaitUnlinkStep(spool);
        assertThat(Files.getPosixFilePermissions(spool)).as("spool file permissions")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(entries(tmp)).as("a spool file while the task runs").isEmpty();
        run.process.destroyForcibly().waitFor();
        ProcessLeaks.killAll(marker); // a SIGKILLed CLI cannot stop its task

        assertThat(entries(tmp)).as("what a SIGKILLed CLI left").isEmpty();
    }

    /** The CLI's open descriptor (as /proc shows it) of a spool file it made in {@code tmp}. */
    private static Path awaitSpoolFile(long pid, Path tmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        if (Files.readSymbolicLink(fd).toString().startsWith(tmp + "/")) {
                            return fd;
                        }
                    } catch (IOException closedMeanwhile) {
                        // gone between listing and reading
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the CLI opened no spool file in " + tmp);
    }

    /**
     * The CLI makes a spool file and removes its name right after opening it; the descriptor can be
     * seen in between. Waits (up to 5 s) for that step, so that the check of the directory that follows
     * is not made in the microseconds before it; if the name is never removed, that check fails.
     */
    private static void awaitUnlinkStep(Path fd) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !Files.readSymbolicLink(fd).toString().endsWith(" (deleted)")) {
            Thread.sleep(5);
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void item4_jsonOutputOfSixteenMegabytesIsWrittenWholeByACliWithATwentyFourMegabyteHeap() throws Exception {
        cli.withEnvironment("JAVA_TOOL_OPTIONS", "-Xmx24m");

        Cli.Result r = cli.run("--json", "sh", "-c", "head -c 16000000 /dev/zero | tr '\\0' a; printf 'caf\\351' >&2",
                ":::", "1");

        assertThat(r.exit()).isZero();
        com.fasterxml.jackson.databind.JsonNode j = CliInputTest.parse(r.outLines()).getFirst();
        assertThat(j.get("stdout").asText().length()).isEqualTo(16_000_000);
        assertThat(j.get("stdout").asText().chars().allMatch(c -> c == 'a')).isTrue();
        assertThat(j.get("stderr").asText()).isEqualTo("caf\uFFFD");
        assertThat(r.err()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void item4_outputThatCannotBeSpooledIsNotSilentlyLost() throws Exception {
        cli.withEnvironment("TMPDIR", dir.resolve("no-such-dir").toString());

        Cli.Result r = cli.run("head", "-c", "100000", ":::", "/dev/zero");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.outBytes().length).isEqualTo(64 * 1024);
        assertThat(r.err()).contains("jconcurrent: task 1: " + (100_000 - 64 * 1024)
                + " bytes of stdout not printed: no room for them in the temporary directory");
    }

    @Test
    void item4_theJoblogReceiveColumnCountsAllTheTaskSentEvenWhenCut() throws Exception {
        Path joblog = dir.resolve("log.tsv");

        cli.run("--joblog", joblog.toString(), "--output-limit", "100", "head", "-c", "5000", ":::", "/dev/zero");

        assertThat(Files.readAllLines(joblog).get(1).split("\t")[5]).isEqualTo("5000");
    }
}
