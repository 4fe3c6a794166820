package io.jconcurrent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
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
 *
 * <p>When a task ends by itself, its leftovers are looked for only if there is a sign of them: its
 * group still has a member (with direct spawning, one {@code kill(-group, 0)}; through the JDK's
 * launcher there is no such check and every task gets the look), or its output pipes are still held
 * open. A look through {@code /proc} costs more than spawning {@code /bin/true}, and grows with the
 * number of processes on the machine. So a process that moved to a group of its own within the
 * task's session (as {@code timeout(1)} does) and let go of the task's pipes is not looked for when the
 * task ends by itself; on a timeout or a cancellation the whole session is still searched.
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
            tree.values().removeIf(ProcessTree::isGone);
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

    /**
     * The root, its descendants and the members of its group or session, from one pass over
     * {@code /proc} (a pass costs milliseconds, and it is on the path from a deadline to a result).
     * Without {@code /proc}, the JDK's view of the descendants.
     */
    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, long groupId) {
        Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
        List<Stat> table = scan();
        if (table == null) {
            root.descendants().forEach(h -> tree.put(h.pid(), h));
        } else {
            Map<Long, List<Long>> children = new HashMap<>();
            Set<Long> picked = new LinkedHashSet<>();
            for (Stat st : table) {
                children.computeIfAbsent(st.ppid(), k -> new ArrayList<>()).add(st.pid());
                if (groupId > 0 && (st.group() == groupId || st.session() == groupId)) {
                    picked.add(st.pid());
                }
            }
            // Descendants, while the root is alive and the parent links still hold.
            ArrayDeque<Long> todo = new ArrayDeque<>(children.getOrDefault(root.pid(), List.of()));
            while (!todo.isEmpty()) {
                long pid = todo.poll();
                if (picked.add(pid)) {
                    todo.addAll(children.getOrDefault(pid, List.of()));
                }
            }
            for (long pid : picked) {
                if (pid != SELF && pid != root.pid()) {
                    ProcessHandle.of(pid).ifPresent(h -> tree.put(pid, h));
                }
            }
        }
        tree.put(root.pid(), root);
        return tree;
    }

    /** Live processes whose process group or session is {@code id}, from {@code /proc}. */
    static Map<Long, ProcessHandle> groupMembers(long id) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        List<Stat> table = scan();
        if (table == null) {
            return members; // no /proc (not Linux): descendants are all we can see
        }
        for (Stat st : table) {
            if (st.pid() != SELF && (st.group() == id || st.session() == id)) {
                ProcessHandle.of(st.pid()).ifPresent(h -> members.put(st.pid(), h));
            }
        }
        return members;
    }

    /**
     * Loads and runs the kill path's code once (a /proc pass, zombie checks) so that the first
     * timeout of a fresh JVM is not late by its class loading; meant for a background thread.
     */
    static void warmUp() {
        List<Stat> table = scan();
        if (table != null && !table.isEmpty()) {
            snapshot(ProcessHandle.current(), -1);
            isGone(ProcessHandle.current());
            awaitGone(Map.of(), System.nanoTime());
        }
    }

    /** One process's line of {@code /proc/<pid>/stat}, the fields we use. */
    private record Stat(long pid, char state, long ppid, long group, long session) {
        boolean isZombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** Every process's stat, or null without {@code /proc}. Zombies are left out: they are gone. */
    private static List<Stat> scan() {
        List<Stat> table = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                Stat st = stat(Long.parseLong(dir.getFileName().toString()));
                if (st != null && !st.isZombie()) {
                    table.add(st);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        return table;
    }

    /** The process's stat, or null if it is not there (gone, or no {@code /proc}). */
    private static Stat stat(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat"));
            String line = new String(raw, StandardCharsets.ISO_8859_1);
            // Fields after the command name, which is in parentheses and may contain anything.
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ", 5);
            return new Stat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        } catch (IOException | RuntimeException e) {
            return null; // the process went away while we looked
        }
    }

    /**
     * Whether a process has ended: not alive, or a zombie (dead and waiting for its parent to reap
     * it; {@link ProcessHandle#isAlive()} counts those as alive, and an orphan's zombie lasts until
     * init reaps it, which must not hold up a result).
     */
    private static boolean isGone(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        Stat st = stat(h.pid());
        return st != null && st.isZombie();
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
        long pause = TimeUnit.MICROSECONDS.toNanos(200);
        while (true) {
            List<Long> alive = new ArrayList<>();
            handles.values().forEach(h -> {
                if (!isGone(h)) {
                    alive.add(h.pid());
                }
            });
            if (alive.isEmpty() || System.nanoTime() >= deadlineNanos) {
                return alive;
            }
            LockSupport.parkNanos(Math.min(pause, Math.max(0, deadlineNanos - System.nanoTime())));
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
