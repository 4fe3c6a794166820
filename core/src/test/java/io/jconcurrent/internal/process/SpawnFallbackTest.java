package io.jconcurrent.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a JVM of its own: direct spawning only with native access enabled, the JDK's launcher without,
 * and no warning printed either way.
 */
class SpawnFallbackTest {

    @Test
    void withoutNativeAccessTasksRunThroughTheJdkLauncherSilently() throws Exception {
        Run r = runJvm(List.of());
        assertThat(r.stdout).isEqualTo("direct=false output=ran\n");
        assertThat(r.stderr).isEmpty();
    }

    @Test
    void withNativeAccessTasksAreSpawnedDirectlySilently() throws Exception {
        Run r = runJvm(List.of("--enable-native-access=ALL-UNNAMED"));
        assertThat(r.stdout).isEqualTo("direct=true output=ran\n");
        assertThat(r.stderr).isEmpty();
    }

    private record Run(String stdout, String stderr) {
    }

    private static Run runJvm(List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SpawnPathMain.class.getName()));
        Process jvm = new ProcessBuilder(cmd).start();
        jvm.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jvm.waitFor(60, TimeUnit.SECONDS)) {
            jvm.destroyForcibly().waitFor();
            throw new AssertionError("the test JVM did not finish");
        }
        return new Run(out, err.join());
    }
}
