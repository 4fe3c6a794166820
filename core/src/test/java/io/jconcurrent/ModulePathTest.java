package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.modules.WorkerJvmMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library as a module: {@code module-info} exports {@code io.jconcurrent} only, and worker JVMs
 * start whether the library is on the module path or on the class path.
 */
class ModulePathTest {

    /** The library's own classes (target/classes, with its module-info) and the tests' classes. */
    private static final Path LIBRARY = codeSource(ProcRunMp.class);
    private static final Path TESTS = codeSource(ModulePathTest.class);

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onTheModulePathWorkerJvmsStartAndTheEngineIsNotReachable() throws Exception {
        String out = runJvm(List.of("--module-path", LIBRARY.toString(), "--add-modules", "io.jconcurrent",
                "-cp", TESTS.toString(), WorkerJvmMain.class.getName()));
        assertThat(out).isEqualTo("named=true internalHidden=true results=[true:true, true:true]\n");
    }

    @Test
    void onTheClassPathWorkerJvmsStart() throws Exception {
        String out = runJvm(List.of("-cp", LIBRARY + java.io.File.pathSeparator + TESTS,
                WorkerJvmMain.class.getName()));
        assertThat(out).isEqualTo("named=false internalHidden=false results=[true:true, true:true]\n");
    }

    private static String runJvm(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(args);
        Process jvm = new ProcessBuilder(cmd).start();
        jvm.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jvm.waitFor(120, TimeUnit.SECONDS)) {
            jvm.destroyForcibly().waitFor();
            throw new AssertionError("the test JVM did not finish");
        }
        assertThat(err.join()).as("its stderr").isEmpty();
        return out;
    }
}
