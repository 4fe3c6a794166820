package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing and input errors through {@link Main#run}, in this JVM. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--no-such-option", "echo", ":::", "a"), "--no-such-option"),
                Arguments.of(List.of("--no-shell", "-j", "2"), "missing command"),
                Arguments.of(List.of("--no-shell", ":::", "a"), "missing command"),
                Arguments.of(List.of("-j", "1.5", "echo", ":::", "a"), "-j"),
                Arguments.of(List.of("-j", "many", "echo", ":::", "a"), "many"),
                Arguments.of(List.of("--timeout", "soon", "echo", ":::", "a"), "soon"),
                Arguments.of(List.of("--timeout", "-3", "echo", ":::", "a"), "-3"),
                Arguments.of(List.of("--halt", "later", "echo", ":::", "a"), "later"),
                Arguments.of(List.of("--retries", "-2", "echo", ":::", "a"), "--retries"),
                Arguments.of(List.of("echo", "::::", "/no/such/file"), "/no/such/file"),
                Arguments.of(List.of("--tasks", "/no/such/tasks.jsonl", "echo"), "/no/such/tasks.jsonl"),
                Arguments.of(List.of("--resume", "echo", ":::", "a"), "--joblog"),
                Arguments.of(List.of("--output-limit", "lots", "echo", ":::", "a"), "lots"),
                Arguments.of(List.of("--time", "3", "echo", ":::", "a"), "--time"),
                Arguments.of(List.of("-j", "2", "--timeout"), "timeout"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorReturnsTwoWithAMessageNamingTheMistake(List<String> args, String named) {
        assertThat(run("", args.toArray(String[]::new))).isEqualTo(2);
        assertThat(err()).startsWith("jconcurrent: ").contains(named).contains("--help");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void item4_outputBeyondTheLimitIsCutSaidSoOnStderrOnceAndTheExitStatusIsNotZero() {
        int status = run("", "--output-limit", "1K", "sh", "-c",
                "echo FIRST; head -c 100000 /dev/zero | tr '\\0' x; echo LAST; head -c 5000 /dev/zero >&2", ":::", "1");
        assertThat(status).isEqualTo(1);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("FIRST\nxxx").hasSize(1024);
        assertThat(err()).startsWith("\0".repeat(1024)).endsWith(
                "jconcurrent: task 1: 98987 bytes of stdout and 3976 bytes of stderr not printed: cut by"
                        + " --output-limit 1024\n");
    }

    @Test
    void optionLikeWordsAfterTheCommandBelongToTheCommand() {
        int status = run("", "-k", "echo", "-n", "--json", ":::", "x");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("--json x");
    }

    @Test
    void optionValuesMayBeAttachedAndTheLastOfARepeatedOptionCounts() {
        assertThat(run("", "-j1", "--jobs=3", "-k", "--timeout=5", "--timeout", "10", "echo", ":::", "a", "b"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    }

    @Test
    void doubleDashEndsTheOptionsSoACommandMayStartWithADash() {
        assertThat(run("", "--", "-no-such-program-jc", ":::", "a")).isEqualTo(1);
        assertThat(err()).doesNotContain("unknown option");
    }

    @Test
    void anAtSignArgIsNotReadAsAnArgumentFile() {
        assertThat(run("", "echo", ":::", "@/etc/hostname")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("@/etc/hostname\n");
    }

    @Test
    void duplicateKeysInTasksAreAUsageErrorNamingBothLines(@TempDir Path dir) throws Exception {
        Path tasks = Files.writeString(dir.resolve("t.jsonl"), "{\"key\":\"a\"}\n\n{\"key\":\"a\",\"arg\":1}\n");

        assertThat(run("", "--tasks", tasks.toString(), "echo")).isEqualTo(2);
        assertThat(err()).contains(tasks + ":3").contains("duplicate key \"a\"").contains("line 1");
    }

    @Test
    void item7_tasksKeysThatPrintAlikeAreADuplicateKeyErrorNamingBoth() {
        assertThat(run("{\"key\": 1}\n{\"key\": \"1\"}\n", "--tasks", "-", "echo")).isEqualTo(2);
        assertThat(err()).contains("stdin:2: duplicate key \"1\" (first on line 1) (the key 1 there prints alike)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void item7_twoJsonObjectsOnOneLineAreAUsageErrorNamingTheLine(@TempDir Path dir) throws Exception {
        Path tasks = Files.writeString(dir.resolve("t.jsonl"), "{\"key\": \"a\"}\n{\"key\": \"b\"} {\"key\": \"c\"}\n");

        assertThat(run("", "--tasks", tasks.toString(), "echo")).isEqualTo(2);
        assertThat(err()).contains(tasks + ":2: more than one JSON value on the line");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void item7_numbersFromTasksReachTheCommandAndTheJsonAsWritten() {
        String tasks = "{\"key\": \"a\", \"arg\": 1e3}\n{\"key\": \"b\", \"arg\": [0.10, 12345678901234567890]}\n"
                + "{\"key\": \"c\", \"arg\": {\"x\": 1.50}}\n";
        assertThat(run(tasks, "-k", "--tasks", "-", "echo")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1e3\n0.10 12345678901234567890\n{\"x\": 1.50}\n");
        out.reset();
        assertThat(run(tasks, "-k", "--json", "--tasks", "-", "true")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"arg\":1e3,").contains("\"arg\":[0.10,12345678901234567890]");
    }

    @Test
    void tasksLineWithoutKeyOrNotAnObjectIsAUsageError() {
        assertThat(run("{\"arg\": 1}\n", "--tasks", "-", "echo")).isEqualTo(2);
        assertThat(err()).contains("stdin:1").contains("\"key\"");
        err.reset();
        assertThat(run("[1, 2]\n", "--tasks", "-", "echo")).isEqualTo(2);
        assertThat(err()).contains("stdin:1").contains("JSON object");
    }

    @Test
    void tasksCannotBeCombinedWithColons() {
        assertThat(run("", "--tasks", "-", "echo", ":::", "a")).isEqualTo(2);
        assertThat(err()).contains("--tasks");
    }

    @Test
    void aDirectoryAsInputFileIsAUsageError(@TempDir Path dir) {
        assertThat(run("", "echo", "::::", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("directory");
    }

    @Test
    void readingInputFromATerminalSaysSoAsParallelDoes() {
        System.setProperty(Main.STDIN_TTY_PROPERTY, "true");
        try {
            assertThat(run("", "true")).isZero();
            assertThat(err()).contains("reading input from the terminal").contains("Ctrl-D");
            err.reset();
            assertThat(run("", "true", ":::", "a")).isZero();
            assertThat(err()).isEmpty();
        } finally {
            System.clearProperty(Main.STDIN_TTY_PROPERTY);
        }
    }
}
