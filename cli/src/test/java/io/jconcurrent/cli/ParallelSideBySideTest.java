package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GNU parallel's command lines through {@code bin/jconcurrent}: each case runs with the same input
 * through jconcurrent and checks a fixed expectation (what GNU parallel 20221122 printed), and, where
 * GNU parallel is installed ({@code .ci/run} installs it), also through {@code parallel --will-cite},
 * comparing the output, the exit status and the joblog rows (all columns but the times; where a column
 * differs on purpose, the case is named below with the reason). Inputs include paths with dots, slashes, spaces, no
 * extension and bytes that are not UTF-8 (also checked on the files tasks make: {@link CliExactArgsTest}).
 */
class ParallelSideBySideTest extends RealCliTest {

    private static boolean parallel;

    /** A path in Latin-1, which is not UTF-8: "dé/café.txt". */
    static final String LATIN1_PATH = RawText.of(new byte[] {'d', (byte) 0xE9, '/', 'c', 'a', 'f', (byte) 0xE9, '.', 't',
        'x', 't'});

    /** The lines 1 to 6000 (seq 6000): 28,893 bytes. */
    static final String SEQ_6000 = seq(6000);

    /** The lines 1 to 30000 (seq 30000). */
    static final String SEQ_30000 = seq(30000);

    private static String seq(int n) {
        return lines(1, n).replace(' ', '\n');
    }

    /** The numbers from {@code first} to {@code last}, separated by spaces, and a newline. */
    private static String lines(int first, int last) {
        StringBuilder b = new StringBuilder();
        for (int i = first; i <= last; i++) {
            b.append(i).append(i < last ? ' ' : '\n');
        }
        return b.toString();
    }

    /** Paths with dots, slashes, spaces, no extension and bytes that are not UTF-8. */
    static final List<String> PATHS = List.of("dir.d/file.tar.gz", "noext", "/abs/x.y", "a b/c d.e", ".hidden", "dir/",
            "x.", "a/.b", LATIN1_PATH);

    @BeforeAll
    static void findParallel() {
        parallel = ByteRun.parallelInstalled();
        if (!parallel) {
            System.err.println("ParallelSideBySideTest: GNU parallel is not installed; each case checks its fixed "
                    + "expectation only (.ci/run installs parallel to compare with it too)");
        }
    }

    @BeforeEach
    void inputFiles() throws Exception {
        write("paths.txt", String.join("\n", PATHS) + "\n");
        write("f1", "x\ny\n");
        write("f2", "p\nq\n");
        write("c1.csv", "a,b\nc,d\n");
        write("c2.csv", "1,2\n");
        write("hostile.txt", String.join("\n", "; touch injected", "$(touch injected)", "`touch injected`",
                "it's", "\"dq\"", "a  b", "*", "~", "$HOME", "back\\slash", "", "x > injected") + "\n");
        write("vars.sh", "#!/bin/sh\necho \"seq=$PARALLEL_SEQ slot=$PARALLEL_JOBSLOT arg=$1\"\n");
        dir.resolve("vars.sh").toFile().setExecutable(true);
        write("commands.txt", "echo one\necho two | tr a-z A-Z\nprintf '%s\\n' \"three four\"\n");
    }

    private void write(String name, String raw) throws Exception {
        Files.write(dir.resolve(name), RawText.bytes(raw));
    }

    /** A case: name, arguments after the program, stdin (raw), expected stdout (raw), and whether order is promised. */
    private static Arguments c(String name, List<String> args, String stdin, String expected, boolean ordered) {
        return Arguments.of(name, args, stdin, expected, ordered);
    }

    private static List<String> a(String... args) {
        return Arrays.asList(args);
    }

    static Stream<Arguments> cases() {
        String pathsOut = String.join("\n",
                "[dir.d/file.tar.gz] [dir.d/file.tar] [file.tar.gz] [dir.d] [file.tar]",
                "[noext] [noext] [noext] [.] [noext]",
                "[/abs/x.y] [/abs/x] [x.y] [/abs] [x]",
                "[a b/c d.e] [a b/c d] [c d.e] [a b] [c d]",
                "[.hidden] [] [.hidden] [.] []",
                "[dir/] [dir/] [] [.] []",
                "[x.] [x] [x.] [.] [x]",
                "[a/.b] [a/] [.b] [a] []",
                "[" + LATIN1_PATH + "] [" + LATIN1_PATH.replace(".txt", "") + "] [" + LATIN1_PATH.substring(3) + "] ["
                        + LATIN1_PATH.substring(0, 2) + "] [" + LATIN1_PATH.substring(3, 7) + "]") + "\n";
        return Stream.of(
                c("each replacement string on awkward paths", a("-k", "echo", "[{}] [{.}] [{/}] [{//}] [{/.}]", "::::",
                        "paths.txt"), "", pathsOut, true),
                c("the same from stdin", a("-k", "echo", "[{}] [{.}] [{/}] [{//}] [{/.}]"), String.join("\n", PATHS) + "\n",
                        pathsOut, true),
                c("positional forms on awkward paths", a("-k", "echo", "[{1}] [{1.}] [{1/}] [{1//}] [{1/.}]{2}", "::::",
                        "paths.txt", ":::", ""), "", pathsOut, true),
                c("each replacement string on awkward paths, in a shell command", a("-k",
                        "echo [{}] [{.}] [{/}] [{//}] [{/.}]", "::::", "paths.txt"), "", pathsOut, true),
                c("positional and combined forms", a("-k", "echo", "{1.}", "{2/}", "{1//}", "{2/.}", "{-1}", "{1}", ":::",
                        "a.b/c.d", ":::", "e f/g.h", "x"), "",
                        "a.b/c g.h a.b g e f/g.h a.b/c.d\na.b/c x a.b x x a.b/c.d\n", true),
                c("cross product in parallel's order", a("-k", "echo", ":::", "a", "b", ":::", "1", "2", ":::", "x", "y"),
                        "", "a 1 x\na 1 y\na 2 x\na 2 y\nb 1 x\nb 1 y\nb 2 x\nb 2 y\n", true),
                c("files and args mixed", a("-k", "echo", "::::", "f1", ":::", "1", "2"), "", "x 1\nx 2\ny 1\ny 2\n",
                        true),
                c("-a files come first", a("-k", "-a", "f1", "echo", ":::", "1", "2"), "", "x 1\nx 2\ny 1\ny 2\n", true),
                c("two -a files", a("-k", "-a", "f1", "-a", "f2", "echo"), "", "x p\nx q\ny p\ny q\n", true),
                c(":::+ pairs with the source before", a("-k", "echo", ":::", "a", "b", "c", ":::+", "1", "2"), "",
                        "a 1\nb 2\n", true),
                c(":::+ then a product", a("-k", "echo", ":::", "a", "b", ":::+", "1", "2", "3", ":::", "X", "Y"), "",
                        "a 1 X\na 1 Y\nb 2 X\nb 2 Y\n", true),
                c("an empty source among several is one empty value", a("-k", "echo", "{1}-{2}-{3}", ":::", "a", "b",
                        "::::", "/dev/null", ":::", "x"), "", "a--x\nb--x\n", true),
                c("an empty linked source is one empty value", a("-k", "echo", "{1}-{2}", "::::", "/dev/null",
                        "::::+", "f1"), "", "-x\n", true),
                c("one empty source runs nothing", a("-k", "echo", "{}", "::::", "/dev/null"), "", "", true),
                c("::::+ pairs files", a("-k", "echo", "::::", "f1", "::::+", "f2"), "", "x p\ny q\n", true),
                c("--link repeats the shorter", a("-k", "--link", "echo", ":::", "a", "b", "c", ":::", "1", "2"), "",
                        "a 1\nb 2\nc 1\n", true),
                c("--colsep columns across files", a("-k", "--colsep", ",", "echo", "{1}-{2}-{3}-{4}", "::::", "c1.csv",
                        "c2.csv"), "", "a-b-1-2\nc-d-1-2\n", true),
                c("--colsep with no replacement string", a("-k", "--colsep", ",", "echo", ":::", "a b,c"), "", "a b c\n",
                        true),
                c("--colsep {} is every column", a("-k", "--colsep", ",", "echo", "{}", ":::", "a,b"), "", "a b\n", true),
                c("-N 2 context replace", a("-k", "-N2", "echo", "{}-{1}-{2}", ":::", "a", "b", "c"), "",
                        "a-a-b b-a-b\nc-c-\n", true),
                c("-N 2 with two sources", a("-k", "-N2", "echo", "{1}/{2}/{3}/{4}", ":::", "a", "b", ":::", "1", "2"),
                        "", "a/1/a/2\nb/1/b/2\n", true),
                c("-N 0", a("-k", "-N0", "echo", "x", ":::", "1", "2"), "", "x\nx\n", true),
                c("-n 2", a("-k", "-n2", "echo", ":::", "1", "2", "3"), "", "1 2\n3\n", true),
                c("-X spreads over the job slots", a("-k", "-j4", "-X", "echo", ":::", "1", "2", "3", "4", "5", "6", "7",
                        "8", "9", "10"), "", "1 2 3\n4 5 6\n7 8 9\n10\n", true),
                c("-X context replace", a("-k", "-j2", "-X", "echo", "pre{}post", ":::", "a", "b", "c"), "",
                        "preapost prebpost\nprecpost\n", true),
                c("-m", a("-k", "-j1", "-m", "echo", "pre{}post", ":::", "a", "b", "c"), "", "prea b cpost\n", true),
                c("-X -s counts the line as parallel: its length plus one", a("-k", "-j1", "-s", "20", "-X", "echo",
                        ":::", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), "", "1 2 3 4 5 6 7\n8 9 10\n", true),
                c("-X -s with context", a("-k", "-j1", "-s", "20", "-X", "echo", "x.y", "p{}q", ":::", "1", "2", "3",
                        "4", "5", "6"), "", "x.y p1q p2q\nx.y p3q p4q\nx.y p5q p6q\n", true),
                c("-X -s counts values quoted", a("-k", "-j1", "-s", "20", "-X", "echo", "x.y", "p{}q", ":::", "a b",
                        "c", "d e"), "", "x.y pa bq\nx.y pcq\nx.y pd eq\n", true),
                c("-m -s", a("-k", "-j1", "-s", "20", "-m", "echo", "x.y", "p{}q", ":::", "1", "2", "3", "4", "5", "6",
                        "7", "8", "9", "10", "11", "12"), "", "x.y p1 2 3 4q\nx.y p5 6 7 8q\nx.y p9 10 11q\nx.y p12q\n",
                        true),
                c("-X fills lines of parallel's default length, spreading the last over the job slots",
                        a("-k", "-j2", "-X", "echo"), SEQ_30000, lines(1, 12460) + lines(12461, 23069)
                        + lines(23070, 26535) + lines(26536, 30000), true),
                c("-X spreads what is left once input from a stream ends", a("-k", "-j3", "-s", "40", "-X", "echo"),
                        seq(30), "1 2 3 4 5 6 7 8 9 10 11 12 13 14\n15 16 17 18 19 20 21 22 23 24 25\n26 27\n28 29\n30\n",
                        true),
                c("-m spreads what is left of :::", a("-k", "-j3", "-s", "40", "-m", "echo", ":::", "1", "2", "3", "4",
                        "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22",
                        "23", "24", "25", "26", "27", "28", "29", "30"), "",
                        "1 2 3 4 5 6 7 8 9 10 11 12 13 14\n15 16 17 18 19 20 21 22 23 24 25\n26 27\n28 29\n30\n", true),
                c("-I renames {}", a("-k", "-I", "XX", "echo", "XX", "{}", "XX.", ":::", "a.b"), "", "a.b {} a.b.\n",
                        true),
                c("--er renames {.}", a("-k", "--er", "EE", "echo", "EE", "{.}", ":::", "a.b"), "", "a {.}\n", true),
                c("{#} and {%} with one job slot", a("-k", "-j1", "echo", "{#}-{%}", ":::", "a", "b"), "", "1-1\n2-1\n",
                        true),
                c("-0 keeps newlines in values", a("-k", "-0", "echo", "[{}]"), "a\nb\0c d\0", "[a\nb]\n[c d]\n", true),
                c("--arg-sep", a("-k", "--arg-sep", ",,", "echo", ",,", "a", "b"), "", "a\nb\n", true),
                c("--arg-file-sep", a("-k", "--arg-file-sep", "//", "echo", "//", "f1"), "", "x\ny\n", true),
                c("one-string shell command", a("-k", "echo {} | tr a-z A-Z", ":::", "ab", "c d"), "", "AB\nC D\n", true),
                c("hostile values reach a shell command as one word each", a("-k", "printf '[%s]\\n' {}", "::::",
                        "hostile.txt"), "", "[; touch injected]\n[$(touch injected)]\n[`touch injected`]\n[it's]\n"
                        + "[\"dq\"]\n[a  b]\n[*]\n[~]\n[$HOME]\n[back\\slash]\n[]\n[x > injected]\n", true),
                c("hostile values with newlines (-0)", a("-k", "-0", "printf '[%s]\\n' {}"),
                        "a\nb; touch injected\0$(touch injected)\n\0'\n", "[a\nb; touch injected]\n[$(touch injected)\n]\n['\n]\n",
                        true),
                c("no command: each line is a command", a("-k"), "echo one\necho two | tr a-z A-Z\n", "one\nTWO\n", true),
                c("no command with :::", a("-k", ":::", "echo a", "echo $((2+3))"), "", "a\n5\n", true),
                c("no command, two sources", a("-k", ":::", "echo", ":::", "a b"), "", "a b\n", true),
                c("PARALLEL_SEQ and PARALLEL_JOBSLOT in a script", a("-k", "-j1", "./vars.sh", ":::", "a", "b c"), "",
                        "seq=1 slot=1 arg=a\nseq=2 slot=1 arg=b c\n", true),
                c("PARALLEL_SEQ in a shell command", a("-k", "echo $PARALLEL_SEQ {}", ":::", "a", "b"), "", "1 a\n2 b\n",
                        true),
                c("-j +N -j -N -j N%: same output", a("-j", "+1", "echo", ":::", "a", "b", "c"), "", "a\nb\nc\n", false),
                c("-P 50%", a("-P", "50%", "echo", ":::", "a", "b"), "", "a\nb\n", false),
                c("--pipe -N", a("-k", "--pipe", "-N3", "echo {#}: $(tr '\\n' ' ')"), "1\n2\n3\n4\n5\n6\n7\n",
                        "1: 1 2 3\n2: 4 5 6\n3: 7\n", true),
                c("--pipe --block", a("-k", "--pipe", "--block", "10", "wc", "-l"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
                        "5\n4\n1\n", true),
                c("--pipe: a line longer than the block makes blocks larger", a("-k", "--pipe", "--block", "3",
                        "tr '\\n' ' '; echo"), "aaaaaaaaaaaaaaaaaaaaa\nb\nc\nd\ne\nf\ng\nh\n",
                        "aaaaaaaaaaaaaaaaaaaaa b \nc d e f g h \n", true),
                c("--pipe: a long first line, then short ones", a("-k", "--pipe", "--block", "3", "tr '\\n' ' '; echo"),
                        "aaaaaa\nb\nc\nd\n", "aaaaaa \nb c d \n", true),
                c("--block 20k is 20,000 bytes", a("-k", "--pipe", "--block", "20k", "wc", "-c"),
                        SEQ_6000, "19998\n8895\n", true),
                c("--block 16K", a("-k", "--pipe", "--block", "16K", "wc", "-c"), SEQ_6000, "16383\n12510\n",
                        true),
                c("--dry-run quotes as parallel", a("-k", "--dry-run", "touch", "{}", ":::", "a b", "it's", "$(id)", "x;y",
                        "plain", "'", "a'"), "", "touch 'a b'\ntouch 'it'\"'\"'s'\ntouch '$(id)'\ntouch 'x;y'\ntouch plain\n"
                        + "touch \"'\"\ntouch 'a'\"'\"\n", true),
                c("--dry-run quotes each value inside its word", a("-k", "--dry-run", "-N2", "echo", "x{1}y", "{2}",
                        ":::", "a b", "", "c"), "", "echo x'a b'y ''\necho xcy \n", true),
                c("--dry-run of a shell command", a("-k", "--dry-run", "touch {} | wc", ":::", "a b"), "",
                        "touch 'a b' | wc\n", true),
                c("-r skips blank lines", a("-k", "-r", "echo", "x{}x"), "a\n\n  \nb\n", "xax\nxbx\n", true),
                c("--skip-first-line", a("-k", "--skip-first-line", "echo"), "h1\na\nb\n", "a\nb\n", true),
                c("-v prints the command first", a("-k", "-v", "echo", ":::", "a b", "c"), "", "echo 'a b'\na b\necho c\nc\n",
                        true),
                c("--number-of-cores", a("--number-of-cores"), "", Runtime.getRuntime().availableProcessors() + "\n",
                        true),
                c("--tag", a("-k", "--tag", "echo", ":::", "a", "b", ":::", "1"), "", "a 1\ta 1\nb 1\tb 1\n", true),
                c("--tagstring, and a last line without a newline", a("-k", "--tagstring", "<{}-{#}>", "printf 'x\\ny'",
                        ":::", "a", "b"), "", "<a-1>\tx\n<a-1>\ty<b-2>\tx\n<b-2>\ty", true),
                c("--line-buffer", a("--line-buffer", "echo", ":::", "a", "b", "c"), "", "a\nb\nc\n", false),
                c("--ungroup", a("-u", "echo", ":::", "a", "b"), "", "a\nb\n", false),
                c("-k --line-buffer", a("-k", "--lb", "-j3", "echo {}1; sleep 0.{}; echo {}2", ":::", "3", "1", "2"), "",
                        "31\n32\n11\n12\n21\n22\n", true),
                c("--shuf", a("--shuf", "echo", ":::", "a", "b", "c", "d"), "", "a\nb\nc\nd\n", false),
                c("--delay", a("--delay", "0.2", "echo", ":::", "a", "b"), "", "a\nb\n", false),
                c("--memfree", a("--memfree", "1K", "echo", ":::", "a"), "", "a\n", true),
                c("--load", a("--load", "1000", "echo", ":::", "a"), "", "a\n", true),
                c("--workdir", a("--wd", "/", "pwd", ":::", "x"), "", "/ x\n".replace(" x", ""), true),
                c("--halt-on-error 1 stops starting tasks", a("-j1", "--halt-on-error", "1", "-q", "sh", "-c",
                        "echo $0; exit $0", ":::", "0", "3", "0"), "", "0\n3\n", true),
                c("--halt now,fail=1", a("-j1", "--halt", "now,fail=1", "-q", "sh", "-c", "echo $0; exit $0", ":::",
                        "0", "5", "0"), "", "0\n5\n", true),
                c("exit status counts failures", a("-q", "sh", "-c", "exit $0", ":::", "0", "1", "2", "0"), "", "", true),
                c("empty input runs nothing", a("echo", ":::"), "", "", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsGnuParallel(String name, List<String> args, String stdin, String expected, boolean ordered)
            throws Exception {
        boolean logged = !args.contains("--dry-run") && !args.contains("--number-of-cores");
        // Both at once: the suite takes half as long, and each program's output is checked on its own.
        CompletableFuture<ByteRun.Result> theirsLater = parallel ? CompletableFuture.supplyAsync(() -> {
            try {
                return ByteRun.parallel(dir, marker, RawText.bytes(stdin), withJoblog(logged, "theirs.tsv", args));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }) : null;
        ByteRun.Result ours = ByteRun.jconcurrent(dir, marker, RawText.bytes(stdin), withJoblog(logged, "ours.tsv", args));
        ByteRun.Result theirs = parallel ? theirsLater.join() : null;

        int expectedExit = EXIT.getOrDefault(name, 0);
        assertThat(ours.exit()).as(ours.err()).isEqualTo(expectedExit);
        assertThat(sortedUnless(ordered, ours.rawOut())).isEqualTo(sortedUnless(ordered, expected));
        assertThat(dir.resolve("injected")).doesNotExist();
        if (theirs != null) {
            assertThat(sortedUnless(ordered, ours.rawOut())).as("same stdout as GNU parallel")
                    .isEqualTo(sortedUnless(ordered, theirs.rawOut()));
            assertThat(ours.exit()).as("same exit status as GNU parallel").isEqualTo(theirs.exit());
            if (logged) {
                assertThat(joblogRows("ours.tsv", name)).as("same joblog rows as GNU parallel (but times)")
                        .isEqualTo(joblogRows("theirs.tsv", name));
            }
        }
    }

    private static List<String> withJoblog(boolean logged, String file, List<String> args) {
        List<String> all = new ArrayList<>();
        if (logged) {
            all.add("--joblog");
            all.add(file);
        }
        all.addAll(args);
        return all;
    }

    /** The exit status of the cases that do not succeed: parallel's. */
    private static final java.util.Map<String, Integer> EXIT = java.util.Map.of("exit status counts failures", 2,
            "--halt-on-error 1 stops starting tasks", 3, "--halt now,fail=1", 5);

    /**
     * Cases whose joblog Command column differs from parallel's on purpose: an argv word is written as the
     * one argument it is, quoted whole, where parallel writes its command's words as they go to its shell
     * (only the values quoted, and a trailing space after an empty {}). With --shuf, which job runs which
     * command is random in both.
     */
    private static final Set<String> COMMAND_DIFFERS = Set.of("each replacement string on awkward paths",
            "positional forms on awkward paths",
            "the same from stdin", "-N 0", "-I renames {}", "--er renames {.}", "-0 keeps newlines in values",
            "--shuf" /* not on purpose: each run shuffles its own way */);

    /**
     * Cases whose Receive column differs on purpose: parallel counts -v's echoed command as output; with
     * --line-buffer and --ungroup jconcurrent's output went to files, which the joblog does not count.
     */
    private static final Set<String> RECEIVE_DIFFERS = Set.of("-v prints the command first", "--line-buffer",
            "--ungroup", "-k --line-buffer");

    /** A joblog's rows without the times, in Seq order: Seq, Host, Send, Receive, Exitval, Signal, Command. */
    private List<String> joblogRows(String file, String caseName) throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> lines = List.of(RawText.of(Files.readAllBytes(dir.resolve(file))).split("\n"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 9);
            rows.add(String.join("\t", f[0], f[1], f[4], RECEIVE_DIFFERS.contains(caseName) ? "-" : f[5], f[6], f[7],
                    COMMAND_DIFFERS.contains(caseName) ? "-" : f[8]));
        }
        rows.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r.substring(0, r.indexOf('\t')))));
        return rows;
    }

    /** --results: the same directory tree as parallel's, with the same stdout, stderr and seq in it. */
    @Test
    void resultsDirectoryAsParallel() throws Exception {
        List<String> args = a("-k", "-q", "sh", "-c", "echo out $0 $1; echo err $0 >&2", ":::", "a", "b/c d", LATIN1_PATH,
                ":::", "1", "2");
        List<String> ours = new ArrayList<>(List.of("--results", "ours"));
        ours.addAll(args);
        ByteRun.Result r = ByteRun.jconcurrent(dir, marker, new byte[0], ours);
        assertThat(r.exit()).as(r.err()).isZero();
        java.util.Map<String, String> tree = tree(dir.resolve("ours"));
        assertThat(tree).containsEntry("1/a/2/1/stdout", "out a 1\n").containsEntry("1/a/2/1/stderr", "err a\n")
                .containsEntry("1/b\\_c d/2/2/seq", "4").hasSize(6 * 4);
        if (parallel) {
            List<String> theirs = new ArrayList<>(List.of("--results", "theirs"));
            theirs.addAll(args);
            ByteRun.parallel(dir, marker, new byte[0], theirs);
            java.util.Map<String, String> theirTree = tree(dir.resolve("theirs"));
            tree.keySet().removeIf(k -> k.endsWith("/result.json"));
            assertThat(tree).as("the same files as GNU parallel's, with the same contents").isEqualTo(theirTree);
        }
    }

    /** --files: each task's output in a file of its own, as with parallel. */
    @Test
    void filesHoldTheSameOutputAsParallels() throws Exception {
        List<String> args = a("--files", "echo", ":::", "x", "y z");
        List<String> ours = contentsOfFilesNamedIn(ByteRun.jconcurrent(dir, marker, new byte[0], args));
        assertThat(ours).containsExactlyInAnyOrder("x\n", "y z\n");
        if (parallel) {
            assertThat(ours).containsExactlyInAnyOrderElementsOf(
                    contentsOfFilesNamedIn(ByteRun.parallel(dir, marker, new byte[0], args)));
        }
    }

    private static List<String> contentsOfFilesNamedIn(ByteRun.Result r) throws Exception {
        List<String> contents = new ArrayList<>();
        for (String name : r.text().split("\n")) {
            java.nio.file.Path f = java.nio.file.Path.of(name);
            contents.add(Files.readString(f));
            Files.delete(f);
        }
        return contents;
    }

    /** Each file under {@code root} (relative path, raw) with its contents (raw). */
    private static java.util.Map<String, String> tree(java.nio.file.Path root) throws Exception {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        ByteRun.Result listing = ByteRun.shell(root, "tree", null, "find . -type f -print0");
        for (String name : listing.rawOut().split("\0")) {
            if (!name.isEmpty()) {
                byte[] path = RawText.bytes(name.substring(2));
                files.put(name.substring(2), RawText.of(readRaw(root, path)));
            }
        }
        return files;
    }

    /** A file's bytes by its raw name (which the JDK may not be able to name as a Path). */
    private static byte[] readRaw(java.nio.file.Path root, byte[] name) throws Exception {
        ByteRun.Result cat = ByteRun.shell(root, "tree", RawText.bytes(RawText.of(name) + "\0"),
                "xargs -0 cat --");
        return cat.out();
    }

    private static String sortedUnless(boolean ordered, String out) {
        if (ordered) {
            return out;
        }
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        lines.sort(null);
        return String.join("\n", lines);
    }

    /** Bytes as text, for messages. */
    static String show(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
