package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fresh JVM's first tasks and the direct spawner's binding (docs/library.md): while it is being
 * bound, at most the JVM's first four tasks start through the JDK's launcher; the rest wait for it.
 */
class SpawnWhileBindingTest {

    @Test
    void atMostFourTasksStartThroughTheJdksLauncherWhileTheDirectSpawnerIsBeingBound() throws Exception {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                BindingFreshJvmMain.class.getName());
        Process jvm = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        jvm.getOutputStream().close();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> signals = Arrays.asList(out.strip().split("\n"));
        assertThat(signals).as(out).hasSize(8).allMatch(s -> s.equals("0") || s.equals("2"));
        assertThat(signals.stream().filter("2"::equals).count()).as("started through the JDK's launcher: " + out)
                .isLessThanOrEqualTo(4);
    }
}
