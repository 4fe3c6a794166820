package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run loads no class of Hazelcast or of the cluster module, even with both on its class path
 * (bin/jconcurrent does not even put them there): the cluster costs a local run's start-up nothing.
 */
class LocalRunLoadsNoClusterClassTest {

    @Test
    void aLocalRunWithJoblogAndJsonLoadsNoHazelcastClass(@TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String marker = ProcessLeaks.newMarker();
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:file=" + classLog,
                "-cp", Cli.CLASSPATH, Main.class.getName(), "-j", "2", "--joblog", dir.resolve("joblog").toString(),
                "--json", "echo", ":::", "a", "b").directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().put(ProcessLeaks.MARK_VARIABLE, marker);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        assertThat(Cli.CLASSPATH).as("the test's class path holds Hazelcast").contains("hazelcast");
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("classes loaded").anyMatch(l -> l.contains("io.jconcurrent.cli.BatchRun"));
        assertThat(loaded).noneMatch(l -> l.contains("com.hazelcast.") || l.contains("io.jconcurrent.cluster."));
        ProcessLeaks.assertNoneLeft(marker);
    }
}
