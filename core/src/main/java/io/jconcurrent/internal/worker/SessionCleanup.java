package io.jconcurrent.internal.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * In a worker JVM, the last act before halting: kill every process in the worker's session (the
 * worker leads one, started by {@code setsid}) and its descendants, so that subprocesses a function
 * started do not outlive the worker. Processes that made their own session are out of reach.
 */
final class SessionCleanup {

    private SessionCleanup() {
    }

    static void killOthersInSession() {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> targets = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(targets::add);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                if (sessionOf(dir) == self) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(targets::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: the descendants are all we can find
        }
        targets.forEach(ProcessHandle::destroyForcibly);
    }

    private static long sessionOf(Path procDir) {
        try {
            String stat = new String(Files.readAllBytes(procDir.resolve("stat")), StandardCharsets.ISO_8859_1);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 6);
            return Long.parseLong(f[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
