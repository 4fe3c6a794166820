package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After {@code package}: the core jar comes with the {@code -sources} and {@code -javadoc} jars that
 * Maven Central requires beside it, each holding what its name says.
 */
class ReleaseArtifactsIT {

    private static final Path TARGET = Path.of(System.getProperty("jconcurrent.target"));
    private static final String BASE = "jconcurrent-core-" + Version.version();

    private static List<String> entries(String suffix) throws IOException {
        Path jar = TARGET.resolve(BASE + suffix + ".jar");
        assertThat(jar).isRegularFile();
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
    }

    @Test
    void coreJarHoldsTheClassesAndTheirVersion() throws IOException {
        assertThat(entries("")).contains("module-info.class", "io/jconcurrent/ProcRunMp.class",
                "io/jconcurrent/version.properties");
    }

    @Test
    void sourcesJarHoldsThePublicApiSources() throws IOException {
        assertThat(entries("-sources")).contains("io/jconcurrent/ProcRunMp.java", "io/jconcurrent/ProcRunAsync.java",
                "io/jconcurrent/Task.java");
    }

    /** The library is a module, so its pages sit under the module's name. */
    private static final String PAGES = "io.jconcurrent/io/jconcurrent/";

    @Test
    void javadocJarDocumentsThePublicApiOnly() throws IOException {
        List<String> javadoc = entries("-javadoc");
        assertThat(javadoc).contains("index.html", "io.jconcurrent/module-summary.html", PAGES + "ProcRunMp.html",
                PAGES + "ProcResult.html", PAGES + "RunningTask.html");
        assertThat(javadoc).noneMatch(e -> e.contains("/internal/"));
    }

    @Test
    void javadocExamplesComeFromTheTestsThatRunThem() throws IOException {
        Path jar = TARGET.resolve(BASE + "-javadoc.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            String page = new String(j.getInputStream(j.getEntry(PAGES + "package-summary.html")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            String example = Files.readString(Path.of("src/test/java/io/jconcurrent/ApiExamplesTest.java"));
            // A line of the "builder" region of ApiExamplesTest, as the page shows it (HTML-escaped).
            String line = ".lazyTasks(tasks)";
            assertThat(example).contains(line);
            assertThat(page).contains(line).contains("ConcurrentLinkedQueue&lt;&gt;()");
        }
    }

    @Test
    void publishedPomSitsBesideTheJars() throws IOException {
        assertThat(Files.readString(TARGET.resolve("jconcurrent-core.pom"))).contains("<version>" + Version.version());
    }
}
