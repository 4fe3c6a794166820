package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster member in a JVM of its own, started as a user would ({@code bin/jconcurrent --serve}) on
 * loopback and a free port, joined (TCP only) to the others started with it. Closing it stops it with
 * SIGTERM, or SIGKILL if it does not go, and waits for it.
 */
final class MemberJvm implements AutoCloseable {

    final Process process;
    final String address;
    private final Path err;

    private MemberJvm(Process process, String address, Path err) {
        this.process = process;
        this.address = address;
        this.err = err;
    }

    /**
     * Starts {@code count} members of {@code jobs} workers each, at once, and waits until each listens.
     *
     * @param extra more options for each member (for example {@code --classpath DIR})
     */
    static List<MemberJvm> start(Path dir, String marker, int count, int jobs, List<List<String>> extra)
            throws IOException {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.0.1:" + freePort());
        }
        String join = String.join(",", addresses);
        List<MemberJvm> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String a = addresses.get(i);
                List<String> cmd = new ArrayList<>(List.of(Cli.LAUNCHER.toString(), "--serve", "--port",
                        a.substring(a.indexOf(':') + 1), "--join", join, "-j", Integer.toString(jobs)));
                if (i < extra.size()) {
                    cmd.addAll(extra.get(i));
                }
                Path err = Files.createTempFile(dir, "member", ".err");
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
                pb.environment().put("JCONCURRENT_CLASSPATH", Cli.CLASSPATH);
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                pb.environment().put(ProcessLeaks.MARK_VARIABLE, marker);
                started.add(new MemberJvm(pb.start(), a, err));
            }
            for (MemberJvm m : started) {
                m.awaitListening();
            }
        } catch (IOException | RuntimeException | Error e) {
            started.forEach(MemberJvm::close);
            throw e;
        }
        return started;
    }

    static String addresses(List<MemberJvm> members) {
        return members.stream().map(m -> m.address).collect(Collectors.joining(","));
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            String text = Files.readString(err, StandardCharsets.UTF_8);
            if (text.contains("jconcurrent: member " + address)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("member " + address + " exited " + process.exitValue() + ": " + text);
            }
            ProcessLeaks.pause(50);
        }
        throw new AssertionError("member " + address + " did not start in 90 s: " + Files.readString(err));
    }

    /** The mark its watchdog kills by (the last word of the watchdog's command line). */
    String watchdogMark() {
        return process.toHandle().children()
                .map(h -> h.info().arguments().orElse(new String[0]))
                .filter(a -> a.length > 0 && List.of(a).contains("jconcurrent-watchdog"))
                .map(a -> a[a.length - 1]).findFirst()
                .orElseThrow(() -> new AssertionError("member " + address + " has no watchdog"));
    }

    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                signal("CONT");
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
