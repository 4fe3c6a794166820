package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replacement strings and how a job's values go into a command, as GNU parallel does it. The expected
 * values were taken from GNU parallel 20221122 with the same input; {@code ParallelSideBySideTest}
 * runs the same cases through both programs where parallel is installed.
 */
class CommandTemplateTest {

    private static final String SH = "/bin/sh";
    /** What a shell command's script starts with for job 7 in slot 3: parallel's variables. */
    private static final String ENV = "export PARALLEL_SEQ=7 PARALLEL_JOBSLOT=3\n";

    private static CommandTemplate argv(String... words) throws UsageException {
        return new CommandTemplate(CommandTemplate.Mode.ARGV, List.of(words), new ReplacementStrings(), SH,
                CommandTemplate.Spread.ALL, -1);
    }

    private static JobArgs job(String... values) {
        return new JobArgs(7, 3, List.of(List.of(values)));
    }

    /** Each path and its {}, {.}, {/}, {//}, {/.}, as parallel prints them (| separated; ~ = empty). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dir.d/file.tar.gz|dir.d/file.tar.gz|dir.d/file.tar|file.tar.gz|dir.d|file.tar",
        "noext|noext|noext|noext|.|noext",
        "/abs/x.y|/abs/x.y|/abs/x|x.y|/abs|x",
        "a b/c d.e|a b/c d.e|a b/c d|c d.e|a b|c d",
        ".hidden|.hidden|~|.hidden|.|~",
        "dir/|dir/|dir/|~|.|~",
        "x.|x.|x|x.|.|x",
        "/|/|/|~|/|~",
        "~|~|~|~|.|~",
        "a/.b|a/.b|a/|.b|a|~",
        "dir.d/noext|dir.d/noext|dir.d/noext|noext|dir.d|noext",
        "a//b.c|a//b.c|a//b|b.c|a|b"})
    void replacementStringsTransformPathsAsParallel(String path, String all, String noExt, String base, String dir,
            String baseNoExt) throws Exception {
        CommandTemplate t = argv("echo", "{}", "{.}", "{/}", "{//}", "{/.}");
        List<String> expected = List.of("echo", empty(all), empty(noExt), empty(base), empty(dir), empty(baseNoExt));
        assertThat(t.argv(job(empty(path)))).isEqualTo(expected);
    }

    private static String empty(String s) {
        return s.equals("~") ? "" : s;
    }

    @Test
    void bytesThatAreNotUtf8PassThroughEveryReplacementString() throws Exception {
        String cafe = RawText.of(new byte[] {'d', (byte) 0xE9, '/', 'c', 'a', 'f',
            (byte) 0xE9, '.', 't', 'x', 't'});
        CommandTemplate t = argv("echo", "{}", "{.}", "{/}", "{//}", "{/.}", "pre-{1/.}-post");
        List<String> out = t.argv(job(cafe));
        assertThat(out.stream().map(RawText::bytes).map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)))
                .containsExactly("echo", "d\u00e9/caf\u00e9.txt", "d\u00e9/caf\u00e9", "caf\u00e9.txt", "d\u00e9",
                        "caf\u00e9", "pre-caf\u00e9-post");
    }

    @Test
    void sequenceAndSlotNumbers() throws Exception {
        assertThat(argv("echo", "{#}-{%}").argv(job("x"))).containsExactly("echo", "7-3");
    }

    @Test
    void positionalFormsPickOneSourceEach() throws Exception {
        CommandTemplate t = new CommandTemplate(CommandTemplate.Mode.ARGV,
                List.of("echo", "{1}", "{2.}", "{3/}", "{3//}", "{2/.}", "{-1}", "{-3.}"), new ReplacementStrings(), SH,
                CommandTemplate.Spread.ALL, 3);
        assertThat(t.argv(job("a.b", "c/d.e", "/f/g.h")))
                .containsExactly("echo", "a.b", "c/d", "g.h", "/f", "d", "/f/g.h", "a");
    }

    @Test
    void aPositionPastTheSourcesIsAUsageError() {
        assertThatThrownBy(() -> new CommandTemplate(CommandTemplate.Mode.ARGV, List.of("echo", "{3}"),
                new ReplacementStrings(), SH, CommandTemplate.Spread.ALL, 2))
                .isInstanceOf(UsageException.class).hasMessageContaining("{3}").hasMessageContaining("2 values");
    }

    @Test
    void withoutAReplacementStringTheValuesAreAppended() throws Exception {
        assertThat(argv("echo", "-n").argv(job("a b", "c"))).containsExactly("echo", "-n", "a b", "c");
        assertThat(argv("echo", "{#}").argv(job("a"))).containsExactly("echo", "7");
    }

    @Test
    void severalValuesInOneWordSplitItAsParallelsShellWould() throws Exception {
        assertThat(argv("echo", "pre{}post").argv(job("a", "b c", "d")))
                .containsExactly("echo", "prea", "b c", "dpost");
    }

    @Test
    void contextReplaceRepeatsAWordPerRecordButNotPositionals() throws Exception {
        CommandTemplate t = new CommandTemplate(CommandTemplate.Mode.ARGV, List.of("echo", "{}-{1}-{2}", "x{}y"),
                new ReplacementStrings(), SH, CommandTemplate.Spread.CONTEXT, -1);
        JobArgs two = new JobArgs(1, 1, List.of(List.of("a"), List.of("b")));
        assertThat(t.argv(two)).containsExactly("echo", "a-a-b", "b-a-b", "xay", "xby");
    }

    @Test
    void renamedStringsReplaceAndTheStandardFormBecomesText() throws Exception {
        ReplacementStrings strings = new ReplacementStrings(Map.of(ReplacementStrings.Name.ARG, "XX",
                ReplacementStrings.Name.NO_EXTENSION, "EE"));
        CommandTemplate t = new CommandTemplate(CommandTemplate.Mode.ARGV, List.of("echo", "XX", "{}", "EE", "{.}"),
                strings, SH, CommandTemplate.Spread.ALL, -1);
        assertThat(t.argv(job("a.b"))).containsExactly("echo", "a.b", "{}", "a", "{.}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{0}", "x{1#}", "{..}", "{+/}", "{##}", "{/..}", "{3%}", "{-0}", "{.#}"})
    void aWordThatLooksLikeAReplacementStringIsAUsageError(String word) {
        assertThatThrownBy(() -> argv("echo", word)).isInstanceOf(UsageException.class)
                .hasMessageContaining(word.replace("x", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{= s/a/b/ =}", "{1= $_ .= 'x' =}", "pre{=uc=}"})
    void perlExpressionsAreRefusedSayingWhy(String word) {
        assertThatThrownBy(() -> argv("echo", word)).isInstanceOf(UsageException.class)
                .hasMessageContaining("Perl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{1..3}", "{print $1}", "${HOME}", "{a,b}", "{x}", "{", "}", "{=", "a{b}c"})
    void bracesThatAreNoReplacementStringStayText(String word) throws Exception {
        assertThat(argv("echo", word, "{}").argv(job("v"))).containsExactly("echo", word, "v");
    }

    @Test
    void aShellCommandGetsEachValueQuotedAsOneWord() throws Exception {
        CommandTemplate t = new CommandTemplate(CommandTemplate.Mode.SHELL, List.of("printf '%s\\n' {} | wc -l"),
                new ReplacementStrings(), SH, CommandTemplate.Spread.ALL, -1);
        assertThat(t.program()).isEqualTo(SH);
        assertThat(t.args(job("; rm -rf x", "it's $(id) `id`"))).containsExactly("-c",
                ENV + "printf '%s\\n' '; rm -rf x' 'it'\"'\"'s $(id) `id`' | wc -l");
        assertThat(t.commandLine(job("plain"))).isEqualTo("printf '%s\\n' plain | wc -l");
    }

    @Test
    void withNoCommandTheValuesAreTheCommand() throws Exception {
        CommandTemplate t = new CommandTemplate(CommandTemplate.Mode.LINES, List.of(), new ReplacementStrings(), SH,
                CommandTemplate.Spread.ALL, -1);
        assertThat(t.args(job("echo", "a b"))).containsExactly("-c", ENV + "echo a b");
    }

    @Test
    void aProgramThatIsAReplacementStringRunsThroughTheShellQuoted() throws Exception {
        CommandTemplate t = argv("{1}", "{2}");
        assertThat(t.program()).isEqualTo(SH);
        assertThat(t.args(job("echo", "a;b"))).containsExactly("-c", ENV + "exec echo 'a;b'");
    }

    @Test
    void argvCommandLinesAreQuotedAsParallelsDryRun() throws Exception {
        assertThat(argv("echo", "{}").commandLine(job("a b"))).isEqualTo("echo 'a b'");
        assertThat(argv("echo", "{}").commandLine(job("it's"))).isEqualTo("echo 'it'\"'\"'s'");
        assertThat(argv("echo", "{}").commandLine(job(""))).isEqualTo("echo ''");
        assertThat(argv("echo", "{}").commandLine(job("A-Z_.9/x+y"))).isEqualTo("echo A-Z_.9/x+y");
    }
}
