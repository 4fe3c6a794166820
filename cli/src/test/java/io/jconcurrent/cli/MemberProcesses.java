package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Processes a cluster member started for tasks, found by the mark its watchdog kills by. */
final class MemberProcesses {

    private MemberProcesses() {
    }

    static List<Long> marked(String mark) {
        byte[] needle = ("JCONCURRENT_MEMBER=" + mark).getBytes(StandardCharsets.UTF_8);
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path d : dirs) {
                try {
                    byte[] env = Files.readAllBytes(d.resolve("environ"));
                    String stat = Files.readString(d.resolve("stat"), StandardCharsets.ISO_8859_1);
                    if (indexOf(env, needle) >= 0 && !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                        found.add(Long.parseLong(d.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Fails (after killing them) if processes with the mark are still alive after {@code millis}. */
    static void awaitNoneMarked(String mark, long millis) {
        long deadline = System.nanoTime() + Math.max(0, millis) * 1_000_000;
        List<Long> left = marked(mark);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            ProcessLeaks.pause(20);
            left = marked(mark);
        }
        List<Long> survivors = left;
        survivors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (!survivors.isEmpty()) {
            throw new AssertionError("task processes of a member still alive after " + millis + " ms: " + survivors);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
