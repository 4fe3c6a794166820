package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive, as a user gets it: unpacked into an empty folder that it may not write to, run
 * with a JDK >= 21, no Maven on {@code PATH} and no source tree, it runs the seed's example and keeps its
 * class cache in the user's cache directory; it also serves a cluster member and runs a batch on it.
 */
class ReleaseArchiveIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("jconcurrent.archive"));
    private static final String VERSION = System.getProperty("jconcurrent.version");

    @TempDir
    Path tmp;
    private final String marker = ProcessLeaks.newMarker();
    private Path home;
    private Path cacheHome;
    private Path noMavenPath;
    private Path launcher;
    private String javaHome = System.getProperty("java.home");

    @BeforeEach
    void unpackTheArchive() throws Exception {
        Path install = Files.createDirectories(tmp.resolve("opt"));
        assertThat(run(install, List.of("tar", "xzf", ARCHIVE.toString()), System.getenv("PATH")).exit())
                .isZero();
        Path root = install.resolve("jconcurrent-" + VERSION);
        launcher = root.resolve("bin/jconcurrent");
        home = Files.createDirectories(tmp.resolve("home"));
        cacheHome = tmp.resolve("cache");
        noMavenPath = pathWithout(Set.of("mvn", "mvnDebug", "mvnyjp"));
        // Installed files are often not the user's to write: nothing may need to be written there.
        assertThat(run(tmp, List.of("chmod", "-R", "a-w", root.toString()), System.getenv("PATH")).exit()).isZero();
    }

    @AfterEach
    void nothingLeftRunningAndTheInstallWritable() throws Exception {
        ProcessLeaks.assertNoneLeft(marker);
        run(tmp, List.of("chmod", "-R", "u+w", tmp.toString()), System.getenv("PATH"));
    }

    @Test
    void holdsTheLauncherTheJarAndTheLicence() throws IOException {
        Path root = launcher.getParent().getParent();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()))
                    .contains("bin/jconcurrent", "lib/jconcurrent-cli.jar", "lib/jconcurrent-cluster.jar", "LICENSE", "CHANGELOG.md", "doc/cli.md");
        }
        assertThat(Files.isExecutable(launcher)).isTrue();
    }

    @Test
    void runsTheSeedExampleWithoutMavenAndCachesItsClassesInTheUsersCacheDir() throws Exception {
        assertThat(run(tmp, List.of("sh", "-c", "command -v mvn"), noMavenPath.toString()).exit())
                .as("mvn must be absent from the PATH the CLI gets").isNotZero();

        Ran first = jconcurrent("-j", "4", "--timeout", "30", "/usr/bin/sleep", ":::", "0.1", "0.7", "0.2", "0.2", "0.1");
        assertThat(first.err()).isEmpty();
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEmpty();

        Path cacheDir = cacheHome.resolve("jconcurrent" + launcher.getParent().getParent());
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("a class cache (AOT on JDK 25+, CDS before) made on first use")
                    .anyMatch(n -> n.matches("jconcurrent-.*\\.(aot|jsa)"));
        }

        Ran again = jconcurrent("-j", "4", "--timeout", "30", "--joblog", tmp.resolve("jobs.tsv").toString(),
                "/usr/bin/sleep", ":::", "0.1", "0.7", "0.2", "0.2", "0.1");
        assertThat(again.exit()).isZero();
        assertThat(again.err()).isEmpty();
        List<String> rows = Files.readAllLines(tmp.resolve("jobs.tsv"));
        assertThat(rows).hasSize(6); // header + one row per task
        assertThat(rows.subList(1, 6)).allSatisfy(row -> assertThat(row.split("\t")[6]).isEqualTo("0"));
    }

    @Test
    void reportsTheReleasedVersion() throws Exception {
        Ran version = jconcurrent("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("jconcurrent: version " + VERSION + " (");
    }

    @Test
    void runsWithoutACacheWhereNoCacheDirectoryCanBeMade() throws Exception {
        cacheHome = launcher; // a file: no directory can be made below it
        Ran ran = jconcurrent("-j", "2", "/usr/bin/sleep", ":::", "0.1", "0.1");
        assertThat(ran.err()).isEmpty();
        assertThat(ran.exit()).isZero();
    }

    @Test
    void findsAJdkOfItsOwnWithoutJavaHome() throws Exception {
        javaHome = null; // java on PATH may be older than 21 (it is 17 on the CI machine)
        Ran ran = jconcurrent("-j", "2", "/usr/bin/sleep", ":::", "0.1", "0.1");
        assertThat(ran.err()).isEmpty();
        assertThat(ran.exit()).isZero();
    }

    @Test
    void servesAClusterMemberAndRunsABatchOnItFromTheArchiveAlone() throws Exception {
        String address = "127.0.0.1:" + freePort();
        Path memberErr = tmp.resolve("member.err");
        var command = List.of(launcher.toString(), "--serve", "--port", address.substring(address.indexOf(':') + 1),
                "--join", address, "-j", "2");
        Process member = userProcess(tmp, command, noMavenPath.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(memberErr.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(memberErr).contains("jconcurrent: member " + address)) {
                assertThat(member.isAlive()).as("member: %s", Files.readString(memberErr)).isTrue();
                assertThat(System.nanoTime()).as("member listening within 90 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            Path joblog = tmp.resolve("cluster-jobs.tsv");
            Ran ran = jconcurrent("--cluster", address, "--joblog", joblog.toString(), "/usr/bin/true", ":::", "a", "b");
            assertThat(ran.exit()).as("stderr: %s", ran.err()).isZero();
            List<String> rows = Files.readAllLines(joblog);
            assertThat(rows).hasSize(3); // header + one row per task
            assertThat(rows.subList(1, 3)).allSatisfy(row -> assertThat(row).contains(address));
        } finally {
            member.destroy();
            if (!member.waitFor(30, TimeUnit.SECONDS)) {
                member.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Ran(int exit, String out, String err) {
    }

    /** Runs the installed launcher as a user would: own HOME and cache dir, a JDK >= 21, no Maven. */
    private Ran jconcurrent(String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return run(tmp, command, noMavenPath.toString());
    }

    private Ran run(Path dir, List<String> command, String path) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = userProcess(dir, command, path).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within 120 s; stderr: " + Files.readString(err));
        }
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** {@code command} in {@code dir}, as a user's: own HOME and cache dir, the given PATH, no stdin. */
    private ProcessBuilder userProcess(Path dir, List<String> command, String path) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MAVEN") || k.startsWith("JCONCURRENT") || k.startsWith("XDG"));
        env.put("PATH", path);
        env.put("HOME", home == null ? tmp.toString() : home.toString());
        if (cacheHome != null) {
            env.put("XDG_CACHE_HOME", cacheHome.toString());
        }
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome);
        } else {
            env.remove("JAVA_HOME");
        }
        env.put(ProcessLeaks.MARK_VARIABLE, marker);
        return pb;
    }

    /** A directory of links to every program on this PATH but {@code left}, to use as the PATH. */
    private Path pathWithout(Set<String> left) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("path-without-maven"));
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            Path d = Path.of(entry.isEmpty() ? "." : entry);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(d)) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    Path link = bin.resolve(program.getFileName().toString());
                    if (!left.contains(program.getFileName().toString()) && Files.isExecutable(program)
                            && !Files.isDirectory(program) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program.toAbsolutePath());
                    }
                }
            }
        }
        return bin;
    }
}
