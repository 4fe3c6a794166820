package io.jconcurrent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --number-of-sockets}: the distinct physical CPU packages Linux lists, at least 1. */
final class CpuCount {

    private CpuCount() {
    }

    static int sockets() {
        try {
            long n = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("physical id"))
                    .distinct().count();
            return (int) Math.max(1, n);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }
}
