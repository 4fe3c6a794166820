package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program (bin/jconcurrent, or GNU parallel beside it) in a directory with stdin given as bytes,
 * and keeps its stdout as bytes: for checks that bytes that are not UTF-8 come through unchanged.
 * Tagged with a marker, as every process a CLI test starts, so the leak check sees what it left.
 */
final class ByteRun {

    /** What a finished run left: its exit status, its stdout as bytes, and its stderr as text. */
    record Result(int exit, byte[] out, String err) {

        /** Stdout as raw text, one char per byte ({@link RawText}). */
        String rawOut() {
            return RawText.of(out);
        }

        /** Stdout as UTF-8 text. */
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private ByteRun() {
    }

    /** Runs {@code bin/jconcurrent} (on the classes under test) with these arguments. */
    static Result jconcurrent(Path dir, String marker, byte[] stdin, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Cli.LAUNCHER.toString());
        command.addAll(args);
        return run(dir, marker, stdin, command, true);
    }

    /** Runs GNU parallel ({@code parallel --will-cite}) with these arguments. */
    static Result parallel(Path dir, String marker, byte[] stdin, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("parallel");
        command.add("--will-cite");
        command.addAll(args);
        return run(dir, marker, stdin, command, false);
    }

    /** Runs a shell script (for arguments that must be bytes that are not UTF-8: printf makes them). */
    static Result shell(Path dir, String marker, byte[] stdin, String script)
            throws IOException, InterruptedException {
        return run(dir, marker, stdin, List.of("/bin/sh", "-c", script), true);
    }

    private static Result run(Path dir, String marker, byte[] stdin, List<String> command, boolean ours)
            throws IOException, InterruptedException {
        Path in = Files.createTempFile(dir.getParent() == null ? dir : dir.getParent(), "in", ".bin");
        Path out = Files.createTempFile(dir.getParent() == null ? dir : dir.getParent(), "out", ".bin");
        Path err = Files.createTempFile(dir.getParent() == null ? dir : dir.getParent(), "err", ".txt");
        try {
            Files.write(in, stdin == null ? new byte[0] : stdin);
            ProcessBuilder pb = new ProcessBuilder(DefaultSignals.restored(command)).directory(dir.toFile())
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (ours) {
                pb.environment().put("JCONCURRENT_CLASSPATH", Cli.CLASSPATH);
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                pb.environment().put("JCONCURRENT_LAUNCHER", Cli.LAUNCHER.toString());
            }
            pb.environment().put(ProcessLeaks.MARK_VARIABLE, marker);
            Process p = pb.start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within 90 s");
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Whether GNU parallel is installed (the side-by-side cases compare with it only then). */
    static boolean parallelInstalled() {
        try {
            Process p = new ProcessBuilder("parallel", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
