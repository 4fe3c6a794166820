package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version and date are set in the POM alone; the library reports exactly those. */
class VersionTest {

    @Test
    void versionIsThePomsVersion() {
        String pomVersion = System.getProperty("jconcurrent.pom.version");
        assertThat(pomVersion).as("set by the build (core/pom.xml, surefire)").isNotBlank();
        assertThat(Version.version()).isEqualTo(pomVersion);
    }

    @Test
    void dateIsTheDayOfThePomsBuildTimestamp() {
        String timestamp = System.getProperty("jconcurrent.pom.date");
        assertThat(timestamp).as("set by the build (core/pom.xml, surefire)").isNotBlank();
        assertThat(Version.date()).matches("\\d{4}-\\d{2}-\\d{2}").isEqualTo(timestamp.substring(0, 10));
    }

    @Test
    void readmesDependencySnippetNamesThisVersion() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("""
                <dependency>
                  <groupId>io.jconcurrent</groupId>
                  <artifactId>jconcurrent-core</artifactId>
                  <version>%s</version>
                </dependency>
                """.formatted(Version.version()));
    }

    @Test
    void releaseArchiveNamesInTheDocsAreThisVersion() throws IOException {
        Pattern archive = Pattern.compile("jconcurrent-(\\d+\\.\\d+\\.\\d+(?:-[A-Za-z0-9]+)?)(?=\\.tar\\.gz|/)");
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "cli.md"))) {
            Matcher m = archive.matcher(Files.readString(doc));
            int found = 0;
            while (m.find()) {
                assertThat(m.group(1)).as("%s: %s", doc, m.group()).isEqualTo(Version.version());
                found++;
            }
            assertThat(found).as("archive names in %s", doc).isPositive();
        }
    }

    @Test
    void versionLineNamesBoth() {
        assertThat(ProcRunMp.version())
                .isEqualTo("jconcurrent: version " + Version.version() + " (" + Version.date() + ")");
    }
}
