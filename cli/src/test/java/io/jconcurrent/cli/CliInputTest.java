package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where tasks come from and how each arg reaches the command, through the real CLI. */
class CliInputTest extends RealCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void seedExampleRunsFiveSleepsAllSuccessfully() throws Exception {
        Cli.Result r = cli.run("-j", "4", "--timeout", "30", "--json", "/usr/bin/sleep", ":::", "1", "7", "2", "2", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> results = parse(r.outLines());
        assertThat(results).hasSize(5).allSatisfy(j -> {
            assertThat(j.get("success").booleanValue()).isTrue();
            assertThat(j.get("timeout").booleanValue()).isFalse();
            assertThat(j.get("returncode").intValue()).isZero();
        });
        assertThat(results).extracting(j -> j.get("key").longValue()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    }

    /** The README's first command, as written there, shows each result when all goes well. */
    @Test
    void readmeFirstCommandShowsEveryResult() throws Exception {
        String line = Files.readAllLines(Cli.LAUNCHER.getParent().getParent().resolve("README.md")).stream()
                .filter(l -> l.startsWith("bin/jconcurrent ")).findFirst().orElseThrow();
        List<String> words = List.of(line.substring("bin/jconcurrent ".length(), line.indexOf('#')).strip().split(" +"));

        Cli.Result r = cli.run(words.toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Total run time");
        for (int key = 1; key <= 5; key++) {
            assertThat(r.out()).contains("key                 : " + key);
        }
        assertThat(r.out().split("success           : true", -1)).hasSize(6);
    }

    /** Where parallel stops with an error (its -x), an input too long for -s still runs, alone in its task. */
    @Test
    void anInputTooLongForTheLineLimitRunsAlone() throws Exception {
        Cli.Result r = cli.run("-k", "-j1", "-s", "9", "-X", "echo", ":::", "123456", "1", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("123456\n1 2\n");
    }

    @Test
    void placeholderIsReplacedByTheArgInsideAnArgument() throws Exception {
        Cli.Result r = cli.run("-k", "echo", "pre-{}-post", "{}", ":::", "a", "b");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("pre-a-post a\npre-b-post b\n");
    }

    @Test
    void withoutPlaceholderTheArgIsAppended() throws Exception {
        Cli.Result r = cli.run("-k", "echo", "fixed", ":::", "x", "y");

        assertThat(r.out()).isEqualTo("fixed x\nfixed y\n");
    }

    @Test
    void withoutInputSeparatorEachLineOfStdinIsATask() throws Exception {
        Cli.Result r = cli.runWithInput("one\ntwo words\nthree\n", "-k", "echo", "<{}>");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("<one>\n<two words>\n<three>\n");
    }

    @Test
    void fourColonsReadOneTaskPerLineOfAFile() throws Exception {
        Path file = dir.resolve("args.txt");
        Files.writeString(file, "alpha\nbeta\n");

        Cli.Result r = cli.run("-k", "echo", "::::", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("alpha\nbeta\n");
    }

    @Test
    void fourColonsWithDashReadStdin() throws Exception {
        Cli.Result r = cli.runWithInput("p\nq\n", "-k", "echo", "::::", "-");

        assertThat(r.out()).isEqualTo("p\nq\n");
    }

    @Test
    void tasksFileGivesStringKeysThatAppearInTheResults() throws Exception {
        Path tasks = dir.resolve("tasks.jsonl");
        Files.writeString(tasks, """
                {"key": "alpha", "arg": "first"}
                {"key": "beta", "arg": ["two", "words"]}
                {"key": 7, "arg": 3}
                """);

        Cli.Result r = cli.run("--tasks", tasks.toString(), "--json", "-k", "echo");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> results = parse(r.outLines());
        assertThat(results).extracting(j -> j.get("key").asText()).containsExactly("alpha", "beta", "7");
        assertThat(results.get(0).get("key").isTextual()).isTrue();
        assertThat(results.get(2).get("key").isNumber()).isTrue();
        assertThat(results).extracting(j -> j.get("stdout").asText()).containsExactly("first\n", "two words\n", "3\n");
        assertThat(results.get(1).get("arg").isArray()).isTrue();
    }

    @Test
    void shellMetacharactersInAnArgArePassedLiterally() throws Exception {
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "still here");
        String[] nasty = {"; rm -f " + victim, "$(touch " + dir.resolve("pwned") + ")", "*", "a'b\"c", "`id`",
            "x > " + dir.resolve("redirected"), "&& false"};
        String[] args = new String[3 + nasty.length];
        args[0] = "-k";
        args[1] = "printf";
        args[2] = "[%s]\\n";
        String[] withSeparator = new String[args.length + 1];
        System.arraycopy(args, 0, withSeparator, 0, 3);
        withSeparator[3] = ":::";
        System.arraycopy(nasty, 0, withSeparator, 4, nasty.length);

        Cli.Result r = cli.run(withSeparator);

        assertThat(r.exit()).as(r.err()).isZero();
        StringBuilder expected = new StringBuilder();
        for (String n : nasty) {
            expected.append('[').append(n).append("]\n");
        }
        assertThat(r.out()).isEqualTo(expected.toString());
        assertThat(victim).exists();
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("redirected")).doesNotExist();
    }

    static List<JsonNode> parse(List<String> lines) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : lines) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
