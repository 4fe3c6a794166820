package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the processes a test started, by a unique marker in their environment (the library and the
 * CLI pass their environment on to every task, and tasks to their children), so that a test proves
 * nothing it started outlives it, orphans re-parented to init included, and cleans up by pid if
 * something did. The one copy, shared by the modules' tests as core's test-jar.
 */
public final class ProcessLeaks {

    /** The environment variable that carries a test's marker. */
    public static final String MARK_VARIABLE = "JCONCURRENT_TEST_MARK";

    private ProcessLeaks() {
    }

    /** A fresh marker. */
    public static String newMarker() {
        return UUID.randomUUID().toString();
    }

    /** The environment that carries {@code marker} into every task process. */
    public static Map<String, String> markedEnvironment(String marker) {
        return Map.of(MARK_VARIABLE, marker);
    }

    /** Pids of live (not zombie) processes whose environment carries {@code marker}. */
    public static List<Long> withMarker(String marker) {
        return withMarker(MARK_VARIABLE, marker);
    }

    /**
     * Pids of live (not zombie) processes whose environment has {@code variable=marker}: for a mark
     * that something other than the test sets (a cluster member marks its tasks).
     */
    public static List<Long> withMarker(String variable, String marker) {
        byte[] needle = (variable + "=" + marker).getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    if (contains(Files.readAllBytes(dir.resolve("environ")), needle) && !isZombie(dir)) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /**
     * Asserts that no marked process is alive, allowing 5 s for ones already dying; survivors are
     * killed by pid before the assertion fails, so a failing test still cleans up.
     */
    public static void assertNoneLeft(String marker) {
        assertNoneLeftWithin(marker, 5);
    }

    /**
     * Asserts that no marked process is alive within {@code seconds} (for a promise that a stop takes
     * no longer); survivors are killed by pid before the assertion fails.
     */
    public static void assertNoneLeftWithin(String marker, double seconds) {
        assertNoneLeftWithin(MARK_VARIABLE, marker, seconds);
    }

    /**
     * Asserts that no process with {@code variable=marker} in its environment is alive within
     * {@code seconds}; survivors are killed by pid before the assertion fails.
     */
    public static void assertNoneLeftWithin(String variable, String marker, double seconds) {
        List<Long> left = awaitGone(() -> withMarker(variable, marker), (long) (seconds * 1000));
        killAndAssertNone(left);
    }

    /** The pids of this JVM's descendants now (children, their children, ...). */
    public static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Asserts that every descendant of this JVM not in {@code before} has ended within 5 s; survivors
     * are killed by pid before the assertion fails. (An orphan re-parented to init is no longer a
     * descendant: a marker finds those.)
     */
    public static void assertNoNewDescendants(Set<Long> before) {
        killAndAssertNone(awaitGone(() -> {
            Set<Long> now = descendants();
            now.removeAll(before);
            return List.copyOf(now);
        }, 5_000));
    }

    private static void killAndAssertNone(List<Long> left) {
        List<String> described = left.stream().map(pid -> pid + " " + ProcessHandle.of(pid)
                .map(h -> h.info().commandLine().orElse("?") + " (parent " + h.parent().map(ProcessHandle::pid)
                        .orElse(-1L) + ")").orElse("gone")).toList();
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(described).as("processes left running by the test (now killed)").isEmpty();
    }

    /** Kills every marked process by pid (for a test that left them behind on purpose) and waits. */
    public static void killAll(String marker) {
        withMarker(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(awaitGone(() -> withMarker(marker), 5_000)).isEmpty();
    }

    /** Waits until at least {@code count} marked processes are alive (bounded: 20 s). */
    public static void awaitRunning(String marker, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (withMarker(marker).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " marked processes, saw " + withMarker(marker));
            }
            pause(10);
        }
    }

    /** Waits until at least {@code count} marked processes run whose command line contains {@code text}. */
    public static void awaitRunning(String marker, String text, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            long n = withMarker(marker).stream()
                    .filter(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().commandLine())
                            .map(c -> c.contains(text)).orElse(false))
                    .count();
            if (n >= count) {
                return;
            }
            pause(20);
        }
        throw new AssertionError("fewer than " + count + " processes running '" + text + "' after 20 s");
    }

    /** Sleeps, turning an interrupt into a failure. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<Long> awaitGone(Supplier<List<Long>> alive, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Long> left = alive.get();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause(20);
            left = alive.get();
        }
        return left;
    }

    private static boolean isZombie(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    /** Whether {@code hay} (NUL-separated entries) has an entry equal to {@code needle}. */
    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i + needle.length == hay.length || hay[i + needle.length] == 0) {
                return true;
            }
        }
        return false;
    }
}
