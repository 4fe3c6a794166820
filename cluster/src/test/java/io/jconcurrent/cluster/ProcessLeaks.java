package io.jconcurrent.cluster;

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
 * Finds processes a test started by a marker in their environment, so a test can prove that nothing it
 * started outlives it (core's test helper of the same name, for this module).
 */
final class ProcessLeaks {

    static final String MARK_VARIABLE = "JCONCURRENT_TEST_MARK";

    private ProcessLeaks() {
    }

    static String newMarker() {
        return UUID.randomUUID().toString();
    }

    static Map<String, String> markedEnvironment(String marker) {
        return Map.of(MARK_VARIABLE, marker);
    }

    /** Pids of live (non-zombie) processes whose environment carries {@code marker}. */
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
                } catch (IOException | RuntimeException e) {
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

    /** Asserts that none is left within {@code seconds}; survivors are killed by pid before it fails. */
    static void assertNoneLeftWithin(String marker, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Long> left = withMarker(marker);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
            left = withMarker(marker);
        }
        List<String> described = left.stream().map(pid -> pid + " " + ProcessHandle.of(pid)
                .flatMap(h -> h.info().commandLine()).orElse("?")).toList();
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(described).as("processes left running by the test (now killed)").isEmpty();
    }

    static void assertNoneLeft(String marker) {
        assertNoneLeftWithin(marker, 5);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
            if (i + needle.length == hay.length || hay[i + needle.length] == 0) {
                return true;
            }
        }
        return false;
    }
}
