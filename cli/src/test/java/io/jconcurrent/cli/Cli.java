package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@code bin/jconcurrent} as a real subprocess, on the classes under test (through the launcher's
 * {@code JCONCURRENT_CLASSPATH}), with the JDK running the tests, a process marker in its environment,
 * and its stdout and stderr captured in files.
 */
final class Cli {

    static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/jconcurrent");

    /** The classpath the CLI needs: the test JVM's, without the test framework. */
    static final String CLASSPATH = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.contains("junit") && !e.contains("assertj") && !e.contains("surefire")
                    && !e.contains("opentest4j") && !e.contains("apiguardian") && !e.contains("test-classes")
                    && !e.contains("byte-buddy"))
            .collect(Collectors.joining(File.pathSeparator));

    /** What a finished run left; {@code outBytes} and {@code errBytes} as written, {@code out} and {@code err} decoded. */
    record Result(int exit, String out, String err, byte[] outBytes, byte[] errBytes) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    /** A started run. */
    static final class Running {
        final Process process;
        private final Path outFile;
        private final Path errFile;

        Running(Process process, Path outFile, Path errFile) {
            this.process = process;
            this.outFile = outFile;
            this.errFile = errFile;
        }

        /** Waits (at most 90 s) for the CLI to exit. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the CLI did not finish within 90 s; stderr: " + Files.readString(errFile));
            }
            byte[] outBytes = Files.readAllBytes(outFile);
            byte[] errBytes = Files.readAllBytes(errFile);
            return new Result(process.exitValue(), new String(outBytes, StandardCharsets.UTF_8),
                    new String(errBytes, StandardCharsets.UTF_8), outBytes, errBytes);
        }

        String outSoFar() throws IOException {
            return Files.readString(outFile, StandardCharsets.UTF_8);
        }
    }

    private final Path dir;
    private final String marker;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    /**
     * @param dir    working directory, and where output files go
     * @param marker put in the environment of the CLI and so of every process it starts
     */
    Cli(Path dir, String marker) {
        this.dir = dir;
        this.marker = marker;
    }

    /** Sets an environment variable for the runs to come (JAVA_TOOL_OPTIONS, TMPDIR, ...). */
    Cli withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return start(null, args).await();
    }

    Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
        return start(stdin, args).await();
    }

    /**
     * Starts the CLI with its stdout and stderr sent where given ({@code PIPE}: read from the process),
     * and its stdin empty.
     */
    Process startWith(ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(DefaultSignals.restored(command)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout).redirectError(stderr);
        pb.environment().put("JCONCURRENT_CLASSPATH", CLASSPATH);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put(ProcessLeaks.MARK_VARIABLE, marker);
        pb.environment().putAll(environment);
        return pb.start();
    }

    /** Starts the CLI; {@code stdin} (if not null) is its whole input, else its input is empty. */
    Running start(String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Path in = Files.createTempFile(dir, "in", ".txt");
        Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(DefaultSignals.restored(command)).directory(dir.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JCONCURRENT_CLASSPATH", CLASSPATH);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put(ProcessLeaks.MARK_VARIABLE, marker);
        pb.environment().putAll(environment);
        return new Running(pb.start(), out, err);
    }
}
