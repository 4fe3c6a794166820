package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void optionLikeWordsAfterTheCommandBelongToTheCommand() {
        int status = run("", "-k", "echo", "-n", "--json", ":::", "x");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("--json x");
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
    void onlyOneInputSourceIsSupported() {
        assertThat(run("", "echo", ":::", "a", ":::", "b")).isEqualTo(2);
        assertThat(err()).contains("only one");
    }

    @Test
    void placeholderInTheProgramIsRejected() {
        assertThat(run("", "{}", ":::", "a")).isEqualTo(2);
    }

    @Test
    void aDirectoryAsInputFileIsAUsageError(@TempDir Path dir) {
        assertThat(run("", "echo", "::::", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("directory");
    }
}
