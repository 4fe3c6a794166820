package io.jconcurrent.internal;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
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

    private static final File PROC_DIR = new File("/proc");
    /** Enough for the fields we read, which end within the first 100 or so bytes of a stat line. */
    private static final int STAT_BUFFER = 512;
    private static final int WARM_UP_PASSES = 8;
    /** Made once, with the class: see {@link #kill(Process, Duration, boolean, Map)}. */
    private static final java.util.function.Predicate<ProcessHandle> IS_GONE = ProcessTree::isGone;
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
        return kill(root, grace, ownGroup, look(root, ownGroup));
    }

    /**
     * The tree as it is now: taken a few milliseconds before a deadline, so that the kill at the
     * deadline ({@link #kill(Process, Duration, boolean, Map)}) does not wait for a {@code /proc} pass.
     */
    static Map<Long, ProcessHandle> look(Process root, boolean ownGroup) {
        return snapshot(root.toHandle(), ownGroup ? root.pid() : -1);
    }

    /**
     * As {@link #kill(Process, Duration, boolean)}, SIGTERM going to {@code tree} (from {@link #look}).
     * A process started since that look is found by the pass after the grace, as one started during
     * the grace is, and gets SIGKILL.
     */
    static List<Long> kill(Process root, Duration grace, boolean ownGroup, Map<Long, ProcessHandle> tree) {
        if (!grace.isZero()) {
            // Plain loops, here and below: a method reference's first use costs a fresh JVM milliseconds.
            for (ProcessHandle h : tree.values()) {
                h.destroy();
            }
            awaitGone(tree, System.nanoTime() + grace.toNanos());
        }
        List<Long> survivors = List.of();
        for (int round = 0; round < 5; round++) {
            tree.putAll(snapshot(root.toHandle(), ownGroup ? root.pid() : -1));
            tree.values().removeIf(IS_GONE);
            if (tree.isEmpty()) {
                survivors = List.of();
                break;
            }
            for (ProcessHandle h : tree.values()) {
                h.destroyForcibly();
            }
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
            // Enough passes for the JIT to compile the per-process code (a few hundred calls): a pass
            // then takes a fraction of its interpreted time, twice on a timeout's path.
            for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
                snapshot(ProcessHandle.current(), -1);
            }
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

    /**
     * Every process's stat, or null without {@code /proc}. Zombies are left out: they are gone.
     *
     * <p>This is on the path from a deadline to its result, and in a fresh JVM it runs interpreted, so
     * it does little: one directory listing, then one small read per process into a reused buffer,
     * parsed without strings (about a tenth of the work of NIO paths and {@code String.split}).
     */
    private static List<Stat> scan() {
        String[] names = PROC_DIR.list();
        if (names == null) {
            return null;
        }
        List<Stat> table = new ArrayList<>(names.length);
        byte[] buffer = new byte[STAT_BUFFER];
        for (String name : names) {
            long pid = parsePid(name);
            if (pid > 0) {
                Stat st = stat(pid, buffer);
                if (st != null && !st.isZombie()) {
                    table.add(st);
                }
            }
        }
        return table;
    }

    /** The process's stat, or null if it is not there (gone, or no {@code /proc}). */
    private static Stat stat(long pid) {
        return stat(pid, new byte[STAT_BUFFER]);
    }

    private static Stat stat(long pid, byte[] buffer) {
        int n;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            n = in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            return null; // the process went away while we looked
        }
        // The fields after the command name, which is in parentheses and may contain anything:
        // ") S ppid pgrp session ..."
        int i = n - 1;
        while (i >= 0 && buffer[i] != ')') {
            i--;
        }
        if (i < 0 || i + 4 >= n) {
            return null;
        }
        char state = (char) buffer[i + 2];
        long[] fields = new long[3];
        int p = i + 4;
        for (int f = 0; f < 3; f++) {
            long v = 0;
            while (p < n && buffer[p] >= '0' && buffer[p] <= '9') {
                v = v * 10 + (buffer[p++] - '0');
            }
            if (p >= n || buffer[p] != ' ') {
                return null;
            }
            fields[f] = v;
            p++;
        }
        return new Stat(pid, state, fields[0], fields[1], fields[2]);
    }

    /** The pid a {@code /proc} entry's name is, or -1 if it is not a process's directory. */
    private static long parsePid(String name) {
        long v = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return name.isEmpty() ? -1 : v;
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

    /** Polls until every handle is dead or the deadline passes; returns the pids still alive. */
    private static List<Long> awaitGone(Map<Long, ProcessHandle> handles, long deadlineNanos) {
        long pause = TimeUnit.MICROSECONDS.toNanos(100);
        int polls = 0;
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
            // Every 0.1 ms for the first 2 ms (a process usually dies within one of SIGTERM), then less often.
            if (++polls >= 20) {
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }
}
