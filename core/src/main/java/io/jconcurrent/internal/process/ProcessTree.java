package io.jconcurrent.internal.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
public final class ProcessTree {

    private static final File PROC_DIR = new File("/proc");
    /** Enough for the fields we read, which end within the first 100 or so bytes of a stat line. */
    private static final int STAT_BUFFER = 512;
    private static final int WARM_UP_PASSES = 8;
    /** How old a pass may be for a look ahead of a deadline: it is taken about 20 ms before anyway. */
    private static final long LOOK_REUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Made once, with the class: a method reference's first use costs a fresh JVM milliseconds. */
    private static final java.util.function.Predicate<ProcessHandle> IS_GONE = ProcessTree::isGone;
    private static final List<ProcessSignals.Signal> FREEZE = List.of(ProcessSignals.Signal.STOP);
    private static final List<ProcessSignals.Signal> TERMINATE =
            List.of(ProcessSignals.Signal.TERM, ProcessSignals.Signal.CONT);
    private static final List<ProcessSignals.Signal> FREEZE_AND_KILL =
            List.of(ProcessSignals.Signal.STOP, ProcessSignals.Signal.KILL);
    private static final long SELF = ProcessHandle.current().pid();
    /** How many times a kill looks again for what is left (each look can find a fork the last one missed). */
    private static final int SWEEPS = 5;

    private ProcessTree() {
    }

    /**
     * Stops the tree: freezes it, SIGTERM, lets it run again to handle that, up to {@code grace} for
     * it to go, then SIGKILL to whatever is left (frozen first, too); returns when the root has been
     * reaped. From the first signal on no process of the tree runs another command: the group is
     * signalled in one call, and the rest is stopped (SIGSTOP) before anything is terminated, so that
     * no process sees another die while it can still act on it. Idempotent.
     *
     * @return pids that could not be killed (normally empty)
     */
    public static List<Long> kill(Process root, Duration grace, ProcessSignals signals, boolean ownGroup) {
        return kill(root, grace, signals, ownGroup, look(root, ownGroup));
    }

    /**
     * The tree as it is now, parents before children: taken a few milliseconds before a deadline, so
     * that the kill at the deadline ({@link #kill(Process, Duration, ProcessSignals, boolean, Look)})
     * can freeze it without waiting for a {@code /proc} pass first.
     */
    static Look look(Process root, boolean ownGroup) {
        Table table = Table.startedSince(System.nanoTime() - LOOK_REUSE_NANOS);
        return new Look(snapshot(root.toHandle(), ownGroup ? root.pid() : -1, table),
                table == null ? -1 : table.lastPid, table == null ? System.nanoTime() : table.startedNanos);
    }

    /**
     * A tree as one pass over {@code /proc} saw it.
     *
     * @param processes the tree's processes, parents before children
     * @param lastPid   the pid the system had handed out last when the pass began ({@link #lastPid()}),
     *                  or -1 if unknown
     * @param lookedNanos when the pass began ({@link System#nanoTime()})
     */
    record Look(Map<Long, ProcessHandle> processes, long lastPid, long lookedNanos) {
    }

    /**
     * As {@link #kill(Process, Duration, ProcessSignals, boolean)}, starting from {@code look}. The
     * group is signalled whole, so what joined it since that look is signalled too; a process started
     * since then outside the group is found by the sweep after the grace, which looks only at what
     * can have joined the tree since the look: the tree's processes and the pids handed out since
     * ({@link Table#since}), not every process on the machine (a full pass is milliseconds between a
     * deadline and its result).
     */
    static List<Long> kill(Process root, Duration grace, ProcessSignals signals, boolean ownGroup, Look look) {
        Map<Long, ProcessHandle> tree = look.processes();
        long group = ownGroup ? root.pid() : -1;
        if (!grace.isZero()) {
            // No /proc pass between the freeze and the signals: it would stand between a deadline and
            // its result (two passes instead of one cost 1.6x the latency on a busy machine). A process
            // started since the snapshot outside the group is frozen and killed by the sweep below.
            signals.send(FREEZE, group, list(tree));
            // A stopped process keeps SIGTERM pending until SIGCONT; its handler, if any, runs then.
            signals.send(TERMINATE, group, list(tree));
            awaitGone(tree, System.nanoTime() + grace.toNanos());
        }
        List<Long> survivors = List.of();
        long lastPid = look.lastPid();
        long lookedNanos = look.lookedNanos();
        for (int round = 0; round < SWEEPS; round++) {
            Table table = Table.since(lastPid, lookedNanos, tree.keySet());
            if (table != null) {
                lastPid = table.lastPid;
                lookedNanos = table.startedNanos;
            }
            tree.putAll(snapshot(root.toHandle(), group, table));
            tree.values().removeIf(IS_GONE);
            if (tree.isEmpty()) {
                survivors = List.of();
                break;
            }
            signals.send(FREEZE_AND_KILL, group, list(tree));
            survivors = awaitGone(tree, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        }
        root.onExit().join();
        return survivors;
    }

    /**
     * SIGKILL to a process we did not start through a {@link Process} (one that raced with the JVM's
     * exit), its descendants and its group.
     */
    static void killHandle(ProcessHandle root, ProcessSignals signals, boolean ownGroup) {
        long group = ownGroup ? root.pid() : -1;
        Map<Long, ProcessHandle> tree = snapshot(root, group, System.nanoTime());
        signals.send(FREEZE_AND_KILL, group, list(tree));
        awaitGone(tree, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
    }

    /**
     * SIGKILL to processes left in the group or session of a root that has already exited, looking
     * again until a look finds none: one that forks between a look and its signal (a background job
     * in a group of its own, which the group signal misses) leaves a child the next look finds.
     *
     * @param madeNanos when the root was started ({@link System#nanoTime()}): see {@link #groupMembers}
     */
    static void killLeftovers(long groupId, long madeNanos, ProcessSignals signals) {
        if (groupId <= 1) {
            return;
        }
        for (int look = 0; look < SWEEPS; look++) {
            Map<Long, ProcessHandle> left = groupMembers(groupId, madeNanos);
            if (left.isEmpty()) {
                return;
            }
            signals.send(FREEZE_AND_KILL, groupId, list(left));
            awaitGone(left, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /**
     * SIGKILL, one by one, to every process whose group or session is {@code sid}, other than the
     * caller: what a worker JVM (which leads its session) left behind, killed by its parent after it
     * ended, or by itself when its parent is gone. No freezing: the worker's tasks are over.
     *
     * @return how many were signalled
     */
    public static int killSession(long sid) {
        Map<Long, ProcessHandle> left = groupMembers(sid, Long.MIN_VALUE);
        for (ProcessHandle h : left.values()) {
            h.destroyForcibly();
        }
        return left.size();
    }

    private static List<ProcessHandle> list(Map<Long, ProcessHandle> tree) {
        return new ArrayList<>(tree.values());
    }

    /**
     * The root, its descendants, the members of its group or session and their descendants, parents
     * before children (so that a freeze reaches a parent before it can see its child stop), from one
     * pass over {@code /proc} (a pass costs milliseconds, and it is on the path from a deadline to a
     * result). Without {@code /proc}, the JDK's view of the descendants.
     */
    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, long groupId, long notBeforeNanos) {
        return snapshot(root, groupId, Table.startedSince(notBeforeNanos));
    }

    /** As {@link #snapshot(ProcessHandle, long, long)}, from {@code table} (null: no /proc). */
    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, long groupId, Table table) {
        Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
        tree.put(root.pid(), root);
        if (table == null) {
            root.descendants().forEach(h -> tree.put(h.pid(), h));
            return tree;
        }
        Map<Long, List<Long>> children = table.children;
        Map<Long, Long> parents = table.parents;
        List<Long> members = new ArrayList<>();
        if (groupId > 0) {
            for (Stat st : table.stats) {
                if (st.group() == groupId || st.session() == groupId) {
                    members.add(st.pid());
                }
            }
        }
        Set<Long> picked = new LinkedHashSet<>();
        picked.add(root.pid());
        // Descendants, while the root is alive and the parent links still hold.
        addDescendants(root.pid(), children, picked);
        // Members no longer below the root (orphans re-parented to init), each from its topmost member.
        Set<Long> memberSet = new HashSet<>(members);
        for (long pid : members) {
            if (!picked.contains(pid) && !memberSet.contains(parents.get(pid))) {
                picked.add(pid);
                addDescendants(pid, children, picked);
            }
        }
        for (long pid : members) {
            if (picked.add(pid)) {
                addDescendants(pid, children, picked); // a cycle cannot happen; a member whose parent left meanwhile
            }
        }
        for (long pid : picked) {
            if (pid != SELF && pid != root.pid()) {
                ProcessHandle.of(pid).ifPresent(h -> tree.put(pid, h));
            }
        }
        return tree;
    }

    /** Adds {@code pid}'s descendants to {@code picked}, breadth first (parents before children). */
    private static void addDescendants(long pid, Map<Long, List<Long>> children, Set<Long> picked) {
        ArrayDeque<Long> todo = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
        while (!todo.isEmpty()) {
            long p = todo.poll();
            if (picked.add(p)) {
                todo.addAll(children.getOrDefault(p, List.of()));
            }
        }
    }

    /**
     * Live processes whose process group or session is {@code id}, from {@code /proc}: {@code id} is
     * the pid of the process that made it (a task's root, a worker JVM), so its members have pids
     * handed out since.
     *
     * @param madeNanos when process {@code id} started ({@link System#nanoTime()}), or
     *                  {@link Long#MIN_VALUE} if unknown (then every process is read)
     */
    static Map<Long, ProcessHandle> groupMembers(long id, long madeNanos) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        // The group or session was made by process `id`, so each member got its pid after `id`: only
        // those pids are read (a full pass where they are too many, wrapped around, or made long ago).
        Table table = madeNanos == Long.MIN_VALUE ? Table.startedSince(System.nanoTime())
                : Table.since(id, madeNanos, List.of());
        if (table == null) {
            return members; // no /proc (not Linux): descendants are all we can see
        }
        for (Stat st : table.stats) {
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
                snapshot(ProcessHandle.current(), -1, System.nanoTime());
            }
            isGone(ProcessHandle.current());
            awaitGone(Map.of(), System.nanoTime());
        }
    }

    /**
     * One pass over {@code /proc}, shared: when many tasks are stopped at once (a batch-wide timeout,
     * a cancel), each needs a look at the process table taken after some moment, and one pass taken
     * after all their moments serves them all. Without sharing, 160 tasks timing out together made 160
     * passes over 600 processes each, and on a busy 2-core machine the tasks' own threads then waited
     * seconds for a carrier, long past their deadlines.
     */
    private static final class Table {
        /** More pids handed out since a look than this, and {@link #since} makes a full pass instead. */
        private static final int MAX_NEW_PIDS = 256;
        /**
         * Longer ago than this, and {@link #since} makes a full pass: pids wrap around at
         * {@code pid_max} (32768 on some systems), and a full turn between then and now would hide
         * newcomers below the old pid.
         */
        private static final long MAX_SINCE_NANOS = TimeUnit.SECONDS.toNanos(10);
        private static final java.util.concurrent.locks.ReentrantLock LOCK =
                new java.util.concurrent.locks.ReentrantLock();
        private static volatile Table last;

        final long startedNanos;
        /** {@link #lastPid()} read before the pass began. */
        final long lastPid;
        final List<Stat> stats;
        final Map<Long, List<Long>> children = new HashMap<>();
        final Map<Long, Long> parents = new HashMap<>();

        private Table(long startedNanos, long lastPid, List<Stat> stats) {
            this.startedNanos = startedNanos;
            this.lastPid = lastPid;
            this.stats = stats;
            for (Stat st : stats) {
                children.computeIfAbsent(st.ppid(), k -> new ArrayList<>()).add(st.pid());
                parents.put(st.pid(), st.ppid());
            }
        }

        /**
         * The processes that can have joined a tree since a pass that began when the last pid handed
         * out was {@code lastPidThen}: those of {@code known} still there, and every pid handed out
         * since (pids are handed out in increasing order; a process cannot join a task's group,
         * session or descendants from outside, so a newcomer is a new pid). Where those pids cannot be
         * told (unknown, wrapped around, more than {@link #MAX_NEW_PIDS}, or the look older than
         * {@link #MAX_SINCE_NANOS}), a full pass; null
         * without /proc. A pass over a few pids takes microseconds where a full one takes
         * milliseconds. Not kept for {@link #startedSince}, which needs every process.
         */
        static Table since(long lastPidThen, long thenNanos, java.util.Collection<Long> known) {
            long now = lastPid();
            if (lastPidThen < 0 || now < lastPidThen || now - lastPidThen > MAX_NEW_PIDS
                    || System.nanoTime() - thenNanos > MAX_SINCE_NANOS) {
                return startedSince(System.nanoTime());
            }
            long started = System.nanoTime();
            List<Stat> stats = new ArrayList<>();
            byte[] buffer = new byte[STAT_BUFFER];
            for (long pid : known) {
                addIfLive(stats, pid, buffer);
            }
            for (long pid = lastPidThen + 1; pid <= now; pid++) {
                // Most are gone already (or threads: a thread's id reads as its process, known or not ours);
                // a look at the directory costs no exception where the stat file would.
                if (!known.contains(pid) && new File(PROC_DIR, Long.toString(pid)).exists()) {
                    addIfLive(stats, pid, buffer);
                }
            }
            return new Table(started, now, stats);
        }

        private static void addIfLive(List<Stat> stats, long pid, byte[] buffer) {
            Stat st = stat(pid, buffer);
            if (st != null && !st.isZombie()) {
                stats.add(st);
            }
        }

        /** A pass begun at or after {@code notBeforeNanos}: the last one if it was, else a new one; null without /proc. */
        static Table startedSince(long notBeforeNanos) {
            Table t = last;
            if (t != null && t.startedNanos - notBeforeNanos >= 0) {
                return t;
            }
            LOCK.lock(); // a thread that waits here is usually served by the pass it waited for
            try {
                t = last;
                if (t != null && t.startedNanos - notBeforeNanos >= 0) {
                    return t;
                }
                long started = System.nanoTime();
                long lastPid = lastPid();
                List<Stat> stats = scan();
                if (stats == null) {
                    return null;
                }
                t = new Table(started, lastPid, stats);
                last = t;
                return t;
            } finally {
                LOCK.unlock();
            }
        }
    }

    /**
     * The pid the system gave out last (to a process or a thread), the last field of
     * {@code /proc/loadavg} (for this pid namespace), or -1 if it cannot be read. Pids are handed out
     * in increasing order, wrapping at {@code pid_max}: while this stays the same, nothing was created.
     */
    static long lastPid() {
        byte[] buffer = new byte[128];
        int n;
        try (FileInputStream in = new FileInputStream("/proc/loadavg")) {
            n = in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            return -1;
        }
        while (n > 0 && (buffer[n - 1] < '0' || buffer[n - 1] > '9')) {
            n--; // the newline
        }
        long v = 0;
        long scale = 1;
        int i = n - 1;
        for (; i >= 0 && buffer[i] >= '0' && buffer[i] <= '9'; i--) {
            v += (buffer[i] - '0') * scale;
            scale *= 10;
        }
        return i >= 0 && buffer[i] == ' ' && i < n - 1 ? v : -1;
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

    /**
     * The parent pid of process {@code pid}, read from {@code /proc} (a worker JVM polls its own to see
     * its parent die), or -1 if it cannot be read there.
     */
    public static long parentPid(long pid) {
        Stat st = stat(pid);
        return st == null ? -1 : st.ppid();
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
