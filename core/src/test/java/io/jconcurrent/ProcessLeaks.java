package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds processes a test started, by a unique marker in their environment, so a test can prove that
 * nothing it started outlives it (orphans re-parented to init included) and clean up by pid if not.
 */
final class ProcessLeaks {

    static final String MARK_VARIABLE = "JCONCURRENT_TEST_MARK";

    private ProcessLeaks() {
    }

    /** A fresh marker and the environment that carries it into every task process. */
    static Map<String, String> markedEnvironment(String marker) {
        return Map.of(MARK_VARIABLE, marker);
    }

    static String newMarker() {
        return UUID.randomUUID().toString();
    }

    /** Pids of live processes whose environment carries {@code marker}. */
    static List<Long> withMarker(String marker) {
        byte[] needle = (MARK_VARIABLE + "=" + marker).getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    byte[] env = Files.readAllBytes(dir.resolve("environ"));
                    if (contains(env, needle) && !isZombie(dir)) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static boolean isZombie(Path dir) throws IOException {
        String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    /**
     * Asserts that no process carrying {@code marker} is alive, allowing up to 5 s for ones already
     * dying. Any survivors are killed by pid before the assertion fails, so a failing test still
     * cleans up.
     */
    static void assertNoneLeft(String marker) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Long> left = withMarker(marker);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause(20);
            left = withMarker(marker);
        }
        List<Long> survivors = left;
        List<String> described = survivors.stream().map(pid -> pid + " " + ProcessHandle.of(pid)
                .map(h -> h.info().commandLine().orElse("?") + " (parent " + h.parent().map(ProcessHandle::pid)
                        .orElse(-1L) + ")").orElse("gone")).toList();
        survivors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(described).as("processes left running by the test (now killed)").isEmpty();
    }

    /** Waits until at least {@code count} marked processes are alive (bounded: 10 s). */
    static void awaitRunning(String marker, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (withMarker(marker).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " marked processes, saw " + withMarker(marker));
            }
            pause(10);
        }
    }

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
            return true;
        }
        return false;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
