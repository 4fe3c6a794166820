package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, items 3 (output) and 4, library side: {@link OutputPolicy#bytes()} keeps what a task wrote
 * byte for byte, whole, in bounded memory, and a limit says what it cut.
 */
class OutputBytesTest {

    /** 1..200000, one a line: 1.3 MB, far past the 64 KiB kept in memory. */
    private static final String SEQ = IntStream.rangeClosed(1, 200_000).mapToObj(Integer::toString)
            .collect(Collectors.joining("\n", "", "\n"));

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void cleanUp() {
        System.clearProperty("jconcurrent.spawn");
        ProcessLeaks.assertNoneLeft(marker);
    }

    private List<ProcResult> run(String path, OutputPolicy policy, String script, int tasks) {
        System.setProperty("jconcurrent.spawn", path);
        List<Task> list = IntStream.range(0, tasks).mapToObj(i -> Task.of(i, null)).toList();
        return ProcRunAsync.builder().command("/bin/sh", "-c", script).tasks(list).workers(2)
                .timeout(Duration.ofSeconds(60)).output(policy)
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll().join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item3_bytesThatAreNotTextComeBackByteForByte(String path) throws IOException {
        ProcResult r = run(path, OutputPolicy.bytes(), "printf 'caf\\351\\000\\377\\n'; printf '\\351' >&2", 1)
                .getFirst();
        assertThat(r.stdoutBytes().toByteArray()).containsExactly('c', 'a', 'f', 0xE9, 0, 0xFF, '\n');
        assertThat(r.stderrBytes().toByteArray()).containsExactly(0xE9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.stdoutBytes().writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(r.stdoutBytes().toByteArray());
        assertThat(r.stdout()).as("not repeated as text").isEmpty();
        assertThat(r.stdoutTruncated()).isFalse();
        assertThat(r.stdoutBytes().omitted()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item4_outputPastTheMemoryPartIsKeptWholeInAFileNoDirectoryShows(String path) throws IOException {
        long before = spoolFilesOpen();
        List<ProcResult> results = run(path, OutputPolicy.bytes(), "seq 1 200000", 2);
        for (ProcResult r : results) {
            assertThat(r.stdoutBytes().size()).isEqualTo(SEQ.length());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.stdoutBytes().writeTo(out);
            assertThat(out.toString(StandardCharsets.US_ASCII).equals(SEQ)).as("whole and in order").isTrue();
            assertThat(r.stdoutBytes().text().equals(SEQ)).isTrue();
            try (var in = r.stdoutBytes().openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII).equals(SEQ)).as("as a stream")
                        .isTrue();
            }
        }
        assertThat(spoolFilesOpen() - before).as("one unlinked file per spooled stream").isEqualTo(2);
        results.forEach(r -> r.stdoutBytes().release());
        assertThat(spoolFilesOpen()).isEqualTo(before);
        assertThatThrownBy(() -> results.getFirst().stdoutBytes().writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    @Test
    void item4_aLimitKeepsTheFirstBytesAndSaysHowManyWereDropped() {
        ProcResult r = run("direct", OutputPolicy.bytes(1000), "seq 1 200000", 1).getFirst();
        assertThat(r.stdoutBytes().toByteArray()).isEqualTo(SEQ.substring(0, 1000).getBytes(StandardCharsets.US_ASCII));
        assertThat(r.stdoutBytes().omitted()).isEqualTo(SEQ.length() - 1000);
        assertThat(r.stdoutTruncated()).isTrue();
        assertThat(r.success()).isTrue();
    }

    @Test
    void spooledBytesSerializeAsTheirContent() throws Exception {
        ProcResult r = run("direct", OutputPolicy.bytes(), "seq 1 200000", 1).getFirst();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(r);
        }
        r.stdoutBytes().release();
        ProcResult copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            copy = (ProcResult) in.readObject();
        }
        assertThat(copy.stdoutBytes().text().equals(SEQ)).isTrue();
    }

    @Test
    void otherPoliciesLeaveTheBytesEmpty() {
        ProcResult r = run("direct", OutputPolicy.defaults(), "echo hi", 1).getFirst();
        assertThat(r.stdout()).isEqualTo("hi\n");
        assertThat(r.stdoutBytes().size()).isZero();
        assertThat(r.stderrBytes()).isSameAs(OutputBytes.empty());
    }

    @Test
    void aFunctionInAWorkerJvmHasWhatItPrintedAsBytes() throws InterruptedException {
        ProcResult r = ProcRunMp.builder().function(new PrintsLatin1()).tasks(List.of(Task.of(1, null)))
                .output(OutputPolicy.bytes()).build().runAll().getFirst();
        assertThat(r.success()).as(String.valueOf(r.cause())).isTrue();
        assertThat(r.stdoutBytes().toByteArray()).containsExactly('c', 'a', 'f', 0xE9);
    }

    /** Writes bytes that are not UTF-8 to System.out. */
    static final class PrintsLatin1 implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) {
            System.out.write(new byte[] {'c', 'a', 'f', (byte) 0xE9}, 0, 4);
            System.out.flush();
            return Outcome.ok(null);
        }
    }

    /** This JVM's open descriptors on spooled output files (unlinked, so "(deleted)"). */
    private static long spoolFilesOpen() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.contains("jconcurrent-output-") && target.endsWith("(deleted)");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
