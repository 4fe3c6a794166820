package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 3 (the CLI's side): an arg read from the command line, a file or stdin reaches the
 * program byte for byte, also when it is not UTF-8, through every replacement string and through the
 * shell-quoting path. Checked on the files the tasks create, so only the bytes of the args count.
 */
class CliExactArgsTest extends RealCliTest {

    /** "café" in Latin-1, which is not UTF-8, as printf's octal escapes. */
    private static final String CAFE = "caf\\351";

    /** The file names (raw) under the test's directory, as find prints them. */
    private Set<String> names() throws Exception {
        ByteRun.Result r = ByteRun.shell(dir, marker, null, "find . -mindepth 1 -print0");
        Set<String> names = new TreeSet<>();
        for (String n : r.rawOut().split("\0")) {
            if (!n.isEmpty() && !n.startsWith("./in") && !n.startsWith("./out") && !n.startsWith("./err")) {
                names.add(n.substring(2));
            }
        }
        return names;
    }

    private static String raw(String printfEscapes) {
        return printfEscapes.replace("\\351", "\u00e9");
    }

    private ByteRun.Result jconcurrent(String argsAfterLauncher) throws Exception {
        return ByteRun.shell(dir, marker, null, "\"$JCONCURRENT_LAUNCHER\" " + argsAfterLauncher);
    }

    @Test
    void item3ArgFromAFileReachesTheProgramByteForByte() throws Exception {
        ByteRun.shell(dir, marker, null, "printf '" + CAFE + "\\n' > l1.txt");

        ByteRun.Result r = jconcurrent("touch :::: l1.txt");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(names()).containsExactlyInAnyOrder("l1.txt", raw(CAFE));
    }

    @Test
    void item3ArgFromTheCommandLineAndFromStdinReachTheProgramByteForByte() throws Exception {
        ByteRun.Result r1 = jconcurrent("touch a-{} ::: \"$(printf '" + CAFE + "')\"");
        ByteRun.Result r2 = ByteRun.shell(dir, marker, null,
                "printf '" + CAFE + "\\n' | \"$JCONCURRENT_LAUNCHER\" touch c-{}");

        assertThat(r1.exit()).as(r1.err()).isZero();
        assertThat(r2.exit()).as(r2.err()).isZero();
        assertThat(names()).containsExactlyInAnyOrder(raw("a-" + CAFE), raw("c-" + CAFE));
    }

    @Test
    void item3EveryReplacementStringKeepsTheBytes() throws Exception {
        ByteRun.shell(dir, marker, null, "mkdir \"$(printf 'd\\351')\" && printf 'd\\351/" + CAFE + ".txt\\n' > list");

        ByteRun.Result r = jconcurrent("-k touch '{}' '{.}.2' 'y-{/}' 'z-{/.}' '{//}/w' '{1}.1' 'v-{1/.}' :::: list");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(names()).containsExactlyInAnyOrder("list", raw("d\\351"), raw("d\\351/" + CAFE + ".txt"),
                raw("d\\351/" + CAFE + ".2"), raw("y-" + CAFE + ".txt"), raw("z-" + CAFE),
                raw("d\\351/w"), raw("d\\351/" + CAFE + ".txt.1"), raw("v-" + CAFE));
    }

    @Test
    void item3ShellCommandsGetTheBytesQuoted() throws Exception {
        ByteRun.shell(dir, marker, null, "printf '" + CAFE + " $(x)\\n' > list");

        ByteRun.Result r = jconcurrent("'touch {}.1 && touch s-{/}' :::: list");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(names()).containsExactlyInAnyOrder("list", raw(CAFE + " $(x).1"), raw("s-" + CAFE + " $(x)"));
    }

    @Test
    void item3AProgramWhoseNameIsNotUtf8Runs() throws Exception {
        ByteRun.shell(dir, marker, null, "f=\"./$(printf '" + CAFE + "').sh\"; printf '#!/bin/sh\\ntouch \"ran-$1\"\\n' > \"$f\"; "
                + "chmod +x \"$f\"");

        ByteRun.Result r = jconcurrent("\"./$(printf '" + CAFE + "').sh\" ::: x");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(names()).contains("ran-x", raw(CAFE + ".sh"));
    }

    @Test
    void item3NulSeparatedInputKeepsNewlinesAndBytes() throws Exception {
        ByteRun.shell(dir, marker, null, "printf 'n\\n" + CAFE + "\\0plain\\0' > list");

        ByteRun.Result r = jconcurrent("-0 -a list touch");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(names()).containsExactlyInAnyOrder("list", raw("n\n" + CAFE), "plain");
    }

    @Test
    void item3ThroughTheJdkLauncherAnArgThatIsNotUtf8FailsItsTaskSayingSoInsteadOfBeingAltered() throws Exception {
        ByteRun.Result r = ByteRun.shell(dir, marker, null, "JAVA_TOOL_OPTIONS=-Djconcurrent.spawn=jdk"
                + " \"$JCONCURRENT_LAUNCHER\" touch ::: \"$(printf '" + CAFE + "')\" plain");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("task 1 did not run", "argument 1 (bytes 636166e9) is not UTF-8 text",
                "the JDK's launcher cannot pass it unaltered");
        assertThat(names()).containsExactly("plain");
    }
}
