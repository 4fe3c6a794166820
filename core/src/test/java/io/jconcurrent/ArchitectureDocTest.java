package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true to the code: every file it names exists, every box it draws is a
 * package, and every engine package is in it.
 */
class ArchitectureDocTest {

    private static final Path MAIN = Path.of("src", "main");

    private static String doc() throws IOException {
        return Files.readString(Path.of("..", "docs", "architecture.md"));
    }

    @Test
    void everyFileItNamesExists() throws IOException {
        Matcher m = Pattern.compile("internal/(\\w+)/(\\w+)\\.java").matcher(doc());
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group());
        }
        assertThat(named).isNotEmpty();
        assertThat(named).allSatisfy(file -> assertThat(Stream.of("java", "java22")
                .map(root -> MAIN.resolve(root).resolve("io/jconcurrent").resolve(file)))
                .as(file).anyMatch(Files::isRegularFile));
    }

    @Test
    void everyBoxIsAPackageAndEveryEnginePackageIsInIt() throws IOException {
        String doc = doc();
        TreeSet<String> boxes = new TreeSet<>();
        Matcher m = Pattern.compile("io\\.jconcurrent\\.internal\\.(\\w+)").matcher(doc);
        while (m.find()) {
            boxes.add(m.group(1));
        }
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN.resolve("java/io/jconcurrent/internal"))) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertThat(packages).as("packages").containsAll(boxes);
        for (String p : packages) {
            assertThat(doc).as("the table's row for internal." + p).contains("| `internal." + p + "` |");
        }
    }
}
