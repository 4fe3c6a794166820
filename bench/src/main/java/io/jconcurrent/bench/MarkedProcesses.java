package io.jconcurrent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a task's processes by a marker in their command lines, by scanning every {@code /proc/<pid>}:
 * this sees what the runner's own bookkeeping cannot vouch for (grandchildren re-parented to init,
 * ones in sessions of their own), so "the tree is gone" is checked, not assumed.
 */
final class MarkedProcesses {

    private MarkedProcesses() {
    }

    /** Pids of live processes (not doomed: see {@link #isDoomed}), other than this one, whose command line contains {@code marker}. */
    static List<Long> find(String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<Long> found = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    if (contains(Files.readAllBytes(dir.resolve("cmdline")), needle) && !isDoomed(dir)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    /** SIGKILL to each pid (all of them started by this benchmark). */
    static void kill(List<Long> pids) {
        for (long pid : pids) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            h.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A zombie, or a process with SIGKILL pending (killed, its exit under way): it counts as gone. */
    private static boolean isDoomed(Path dir) throws IOException {
        long killBit = 1L << 8; // SIGKILL is signal 9
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith("State:") && line.substring(6).strip().startsWith("Z")) {
                return true;
            }
            if ((line.startsWith("SigPnd:") || line.startsWith("ShdPnd:"))
                    && (Long.parseUnsignedLong(line.substring(7).strip(), 16) & killBit) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
