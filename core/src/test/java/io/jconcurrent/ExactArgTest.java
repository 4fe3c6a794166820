package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.testing.ProcessLeaks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, item 3 (args): an argument reaches the program byte for byte, or its task fails saying why;
 * never a silent substitution. On both ways of starting a task.
 */
class ExactArgTest {

    /** "café" in Latin-1: 0xE9 alone is not UTF-8. */
    private static final byte[] LATIN1_CAFE = {'c', 'a', 'f', (byte) 0xE9};
    /** Prints its first argument's bytes in hexadecimal, so the test sees them whatever they are. */
    private static final List<String> HEX_OF_ARG = List.of("/bin/sh", "-c", "printf %s \"$1\" | od -An -tx1 | tr -d ' \\n'", "sh");

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void cleanUp() {
        System.clearProperty("jconcurrent.spawn");
        ProcessLeaks.assertNoneLeft(marker);
    }

    private List<ProcResult> run(String path, List<?> argv, List<Task> tasks) {
        System.setProperty("jconcurrent.spawn", path);
        return ProcRunAsync.builder().command(argv).tasks(tasks).workers(2).timeout(Duration.ofSeconds(60))
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll().join();
    }

    @Test
    void item3_aByteArgThatIsNotUtf8ReachesTheProgramByteForByte() {
        ByteArg arg = ByteArg.of(LATIN1_CAFE);
        ProcResult r = run("direct", HEX_OF_ARG, List.of(Task.of(1, arg))).getFirst();
        assertThat(r.success()).as(String.valueOf(r.cause())).isTrue();
        assertThat(r.stdout()).isEqualTo("636166e9");
        assertThat(r.arg()).isSameAs(arg);
    }

    @Test
    void item3_byteArgsInAListArgAndAmongTheFixedArgsAreSentAsTheyAre() {
        List<Object> argv = List.of("/bin/sh", "-c", "printf '%s|' \"$@\" | od -An -tx1 | tr -d ' \\n'", "sh",
                ByteArg.of(new byte[] {(byte) 0xFF}));
        ProcResult r = run("direct", argv, List.of(Task.of(1, List.of("a", ByteArg.of(LATIN1_CAFE))))).getFirst();
        assertThat(r.stdout()).isEqualTo("ff7c617c636166e97c"); // ff|a|caf\xe9|
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item3_aByteArgThatIsUtf8TextReachesTheProgramOnBothPaths(String path) {
        ProcResult r = run(path, HEX_OF_ARG, List.of(Task.of(1, ByteArg.utf8("café")))).getFirst();
        assertThat(r.stdout()).isEqualTo("636166c3a9");
    }

    @Test
    void item3_throughTheJdkLauncherAByteArgThatIsNotTextFailsItsTaskSayingSo() {
        List<ProcResult> results = run("jdk", HEX_OF_ARG,
                List.of(Task.of(1, ByteArg.of(LATIN1_CAFE)), Task.of(2, "ok")));
        ProcResult bad = results.get(0);
        assertThat(bad.status()).isEqualTo(Status.FAILED);
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.timeRun()).isZero();
        assertThat(bad.cause()).contains("argument 4", "636166e9", "JDK's launcher cannot pass it unaltered");
        assertThat(results.get(1).stdout()).isEqualTo("6f6b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void item3_anArgWithANulByteFailsItsTaskInsteadOfBeingCutShort(String path) {
        List<ProcResult> results = run(path, HEX_OF_ARG, List.of(Task.of(1, "a\0b"),
                Task.of(2, ByteArg.of(new byte[] {'a', 0, 'b'}))));
        for (ProcResult r : results) {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.cause()).contains("argument 4 contains a NUL byte");
        }
    }

    @Test
    void item3_aFunctionReceivesTheByteArgItself() {
        ByteArg arg = ByteArg.of(LATIN1_CAFE);
        ProcResult r = ProcRunAsync.builder().function((key, args) -> Outcome.ok(args.getLast()))
                .tasks(List.of(Task.of(1, arg))).build().runAll().join().getFirst();
        assertThat(r.answer()).isEqualTo(arg);
    }

    @Test
    void item3_whileTheDirectSpawnerIsBeingBoundATaskWithAByteArgWaitsForIt() throws Exception {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ByteArgFreshJvmMain.class.getName());
        Process jvm = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        jvm.getOutputStream().close();
        String out = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("636166e9\n".repeat(3));
    }

    @Test
    void aByteArgKeepsItsBytesAndComparesByThem() {
        byte[] bytes = LATIN1_CAFE.clone();
        ByteArg arg = ByteArg.of(bytes);
        bytes[0] = 'X';
        assertThat(arg.toByteArray()).isEqualTo(LATIN1_CAFE);
        assertThat(arg).isEqualTo(ByteArg.of(LATIN1_CAFE)).hasSameHashCodeAs(ByteArg.of(LATIN1_CAFE));
        assertThat(arg.toString()).isEqualTo("caf\uFFFD");
        assertThat(ByteArg.of(new byte[] {1, 2, 3}, 1, 2).toHex()).isEqualTo("0203");
    }

    @Test
    void aCommandRefusesAnArgThatIsNeitherAStringNorAByteArg() {
        assertThatThrownBy(() -> new Work.Command(List.of("/bin/echo", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 1 must be a String or a ByteArg");
        assertThatThrownBy(() -> new Work.Command(List.of(ByteArg.utf8("/bin/echo"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("program name");
    }
}
