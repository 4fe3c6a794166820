package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong outside any task is logged through {@link System.Logger} ({@code io.jconcurrent}),
 * whose default backend writes {@code WARNING: ...} lines to stderr, and the batch goes on. In a JVM of
 * its own, so that its logging is the JDK's default.
 */
class EngineLoggingTest {

    @Test
    void aListenerThatThrowsIsLoggedAndEveryTaskStillHasItsResult() throws Exception {
        String classPath = codeSource(ProcRunMp.class) + File.pathSeparator + codeSource(EngineLoggingTest.class);
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", classPath,
                FailingListenerMain.class.getName()).start();
        jvm.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jvm.waitFor(120, TimeUnit.SECONDS)) {
            jvm.destroyForcibly().waitFor();
            throw new AssertionError("the test JVM did not finish");
        }

        assertThat(out).isEqualTo("succeeded=2\n");
        List<String> warnings = err.join().lines().filter(l -> l.startsWith("WARNING: ")).toList();
        assertThat(warnings).containsExactlyInAnyOrder(
                "WARNING: the result listener failed for task a: java.lang.IllegalStateException: listener broke on a",
                "WARNING: the result listener failed for task b: java.lang.IllegalStateException: listener broke on b");
    }

    private static Path codeSource(Class<?> c) throws java.net.URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
