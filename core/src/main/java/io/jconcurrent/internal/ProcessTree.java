package io.jconcurrent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a task's whole process tree: the root, every descendant, and every process still in the
 * root's process group or session (which catches children already re-parented to init, and
 * double-forked ones). Each task's root is started by {@code setsid}, so its pid is also its group and
 * session id.
 *
 * <p>What escapes: a process that left the group and session by calling {@code setsid()} itself and
 * whose parent had exited (so it is no longer a descendant) before the kill. Nothing visible to an
 * unprivileged process links it to the task any more.
 */
final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final long SELF = ProcessHandle.current().pid();

    private ProcessTree() {
    }

    /**
     * SIGTERM to the tree, up to {@code grace} for it to go, then SIGKILL to whatever is left; returns
     * when the root has been reaped. Idempotent.
     *
     * @return pids that could not be killed (normally empty)
     */
    static List<Long> kill(Process root, Duration grace, boolean ownGroup) {
        Map<Long, ProcessHandle> tree = snapshot(root.toHandle(), ownGroup ? root.pid() : -1);
        if (!grace.isZero()) {
            tree.values().forEach(ProcessHandle::destroy);
            awaitGone(tree, System.nanoTime() + grace.toNanos());
        }
        List<Long> survivors = List.of();
        for (int round = 0; round < 5; round++) {
            tree.putAll(snapshot(root.toHandle(), ownGroup ? root.pid() : -1));
            tree.values().removeIf(h -> !h.isAlive());
            if (tree.isEmpty()) {
                survivors = List.of();
                break;
            }
            tree.values().forEach(ProcessHandle::destroyForcibly);
            survivors = awaitGone(tree, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        }
        root.onExit().join();
        return survivors;
    }

    /** SIGKILL to a process we did not start through a {@link Process}, its descendants and its group. */
    static void killHandle(ProcessHandle root) {
        Map<Long, ProcessHandle> tree = snapshot(root, CommandLauncher.usesOwnGroup() ? root.pid() : -1);
        tree.values().forEach(ProcessHandle::destroyForcibly);
        awaitGone(tree, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
    }

    /** SIGKILL to processes left in the group or session of a root that has already exited. */
    static void killLeftovers(long groupId) {
        if (groupId <= 0) {
            return;
        }
        Map<Long, ProcessHandle> left = groupMembers(groupId);
        left.values().forEach(ProcessHandle::destroyForcibly);
        awaitGone(left, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
    }

    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, long groupId) {
        Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
        // Descendants first, while the root is alive and the parent links still hold.
        root.descendants().forEach(h -> tree.put(h.pid(), h));
        if (groupId > 0) {
            tree.putAll(groupMembers(groupId));
        }
        tree.put(root.pid(), root);
        return tree;
    }

    /** Live processes whose process group or session is {@code id}, from {@code /proc}. */
    static Map<Long, ProcessHandle> groupMembers(long id) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == SELF) {
                    continue;
                }
                long[] ids = groupAndSession(dir);
                if (ids != null && (ids[0] == id || ids[1] == id)) {
                    ProcessHandle.of(pid).ifPresent(h -> members.put(pid, h));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No /proc (not Linux): descendants are all we can see.
        }
        return members;
    }

    private static long[] groupAndSession(Path procDir) {
        try {
            String stat = new String(Files.readAllBytes(procDir.resolve("stat")), StandardCharsets.ISO_8859_1);
            // Fields after the command name, which is in parentheses and may contain anything.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 6);
            return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
        } catch (IOException | RuntimeException e) {
            return null; // the process went away while we looked
        }
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Polls until every handle is dead or the deadline passes; returns the pids still alive. */
    private static List<Long> awaitGone(Map<Long, ProcessHandle> handles, long deadlineNanos) {
        long pause = TimeUnit.MICROSECONDS.toNanos(500);
        while (true) {
            List<Long> alive = new ArrayList<>();
            handles.values().forEach(h -> {
                if (h.isAlive()) {
                    alive.add(h.pid());
                }
            });
            if (alive.isEmpty() || System.nanoTime() >= deadlineNanos) {
                return alive;
            }
            LockSupport.parkNanos(Math.min(pause, Math.max(0, deadlineNanos - System.nanoTime())));
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
