package io.jconcurrent.internal.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.jconcurrent.ByteArg;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link DirectSpawner} on {@code posix_spawn}: one exec per task (the JDK's launcher costs two more,
 * {@code jspawnhelper} and {@code setsid}). The child gets {@code POSIX_SPAWN_SETSID} (its own session
 * and process group, as {@code setsid} gave it), an empty signal mask, stdin from {@code /dev/null},
 * stdout and stderr on close-on-exec pipes dup'ed to 1 and 2, and every other descriptor closed
 * ({@code closefrom(3)}), so no task inherits another task's pipes. A script without {@code #!}
 * (ENOEXEC) is left to the JDK's launcher, which runs it with {@code /bin/sh} as execvp does. A pidfd
 * opened right after the spawn (the child is not reaped before its {@link ProcessWatcher} reaps it, so
 * the pid cannot have been reused) lets one thread wait for the exit and the output together.
 */
final class PosixSpawner implements DirectSpawner {

    private static final int WNOHANG = 1;

    private static final MemorySegment DEV_NULL = Arena.global().allocateFrom("/dev/null");

    private PosixSpawner() {
    }

    /**
     * The spawner, or null if it cannot be used here: not Linux, native access not enabled for this
     * code (so that the JDK prints no warning), or the C library lacks a function.
     *
     * @param required throw instead of returning null, with the reason
     */
    public static DirectSpawner createIfUsable(boolean required) {
        String why = null;
        if (!System.getProperty("os.name", "").equals("Linux")) {
            why = "not Linux";
        } else if (!PosixSpawner.class.getModule().isNativeAccessEnabled()) {
            why = "native access is not enabled (java --enable-native-access=ALL-UNNAMED)";
        } else {
            try {
                Libc.POSIX_SPAWN.type(); // binds every function, or fails
                why = pidfdWorks() ? null : "pidfd_open does not work here (it needs Linux 5.3+)";
            } catch (LinkageError e) {
                why = String.valueOf(e);
            }
        }
        if (why == null) {
            return new PosixSpawner();
        }
        if (required) {
            throw new IllegalStateException(why);
        }
        return null;
    }

    @Override
    public CommandLauncher.Started start(List<?> argv, Path directory, Map<String, String> extraEnvironment,
            OutputCapture.Sinks sinks) throws IOException {
        int pid;
        int outRead;
        int errRead;
        int pidfd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment fds = arena.allocate(JAVA_INT, 4);
            pipe(fds, 0, state);
            try {
                pipe(fds, 2, state);
            } catch (IOException e) {
                Libc.close(fds.getAtIndex(JAVA_INT, 0));
                Libc.close(fds.getAtIndex(JAVA_INT, 1));
                throw e;
            }
            outRead = fds.getAtIndex(JAVA_INT, 0);
            errRead = fds.getAtIndex(JAVA_INT, 2);
            boolean started = false;
            try {
                pid = spawn(arena, argv, directory, extraEnvironment, fds.getAtIndex(JAVA_INT, 1),
                        fds.getAtIndex(JAVA_INT, 3));
                started = pid > 0;
            } finally {
                Libc.close(fds.getAtIndex(JAVA_INT, 1));
                Libc.close(fds.getAtIndex(JAVA_INT, 3));
                if (!started) {
                    Libc.close(outRead);
                    Libc.close(errRead);
                }
            }
            if (pid < 0) {
                return null; // ENOEXEC: the JDK's launcher runs it through /bin/sh
            }
            pidfd = pidfdOpen(pid, state);
            if (pidfd < 0) {
                Libc.close(outRead);
                Libc.close(errRead);
                killAndReap(pid, arena);
                throw new IOException("pidfd_open failed for the started process: errno " + Libc.errno(state));
            }
        }
        DirectProcess process = new DirectProcess(pid);
        return new CommandLauncher.Started(process, ProcessWatcher.start(process, pidfd, outRead, errRead, sinks));
    }

    private static int pidfdOpen(int pid, MemorySegment state) {
        try {
            return (int) Libc.PIDFD_OPEN.invokeExact(state, pid, 0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a child we cannot watch (no descriptor left for its pidfd): it must not run unseen. */
    private static void killAndReap(int pid, Arena arena) {
        try {
            int ignored = (int) Libc.KILL.invokeExact(arena.allocate(Libc.CALL_STATE), pid, Libc.SIGKILL);
            int reaped = (int) Libc.WAITPID.invokeExact(arena.allocate(Libc.CALL_STATE), pid,
                    arena.allocate(JAVA_INT), 0);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the kernel has pidfd_open, tried on this JVM's own pid. */
    private static boolean pidfdWorks() {
        try (Arena arena = Arena.ofConfined()) {
            int fd = pidfdOpen((int) ProcessHandle.current().pid(), arena.allocate(Libc.CALL_STATE));
            if (fd < 0) {
                return false;
            }
            Libc.close(fd);
            return true;
        }
    }

    @Override
    public void warmUp() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment scratch = arena.allocate(JAVA_INT, 2);
            // No process has pid 2^31-1 (pid_max is at most 2^22): ECHILD and ESRCH, at once.
            int waited = (int) Libc.WAITPID.invokeExact(state, Integer.MAX_VALUE, scratch, WNOHANG);
            int signalled = (int) Libc.KILL.invokeExact(state, Integer.MAX_VALUE, 0);
            int polled = (int) Libc.POLL.invokeExact(state, scratch, 0L, 0); // no descriptors, no wait
            long read = (long) Libc.READ.invokeExact(state, -1, scratch, 0L); // EBADF
            Libc.close(-1); // EBADF
        } catch (Throwable e) {
            // only a warm-up: the real calls report their own failures
        }
    }

    @Override
    public boolean groupHasMembers(long groupId) {
        if (groupId <= 1 || groupId > Integer.MAX_VALUE) {
            return true;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            int rc = (int) Libc.KILL.invokeExact(state, (int) -groupId, 0);
            return rc == 0 || Libc.errno(state) != Libc.ESRCH; // EPERM: someone is there
        } catch (Throwable e) {
            return true;
        }
    }

    /** {@code kill(-group, sig)} once, then {@code kill(pid, sig)} for each live process, per signal. */
    @Override
    public void send(List<Signal> sequence, long group, List<ProcessHandle> each) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            for (Signal s : sequence) {
                if (group > 1 && group <= Integer.MAX_VALUE) {
                    int ignored = (int) Libc.KILL.invokeExact(state, (int) -group, s.number);
                }
                for (ProcessHandle h : each) {
                    if (h.pid() > 1 && h.pid() <= Integer.MAX_VALUE && h.isAlive()) {
                        int ignored = (int) Libc.KILL.invokeExact(state, (int) h.pid(), s.number);
                    }
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("kill failed", e);
        }
    }

    private static void pipe(MemorySegment fds, int at, MemorySegment state) throws IOException {
        try {
            int rc = (int) Libc.PIPE2.invokeExact(state, fds.asSlice(at * 4L, 8), Libc.O_CLOEXEC);
            if (rc != 0) {
                throw new IOException("pipe2 failed: errno " + Libc.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The child's pid; -1 for ENOEXEC. */
    private int spawn(Arena arena, List<?> argv, Path directory, Map<String, String> extra,
            int outWrite, int errWrite) throws IOException {
        // One allocation, sliced: the opaque structures, then the pid.
        MemorySegment scratch = arena.allocate(Libc.FILE_ACTIONS_SIZE + Libc.ATTR_SIZE + Libc.SIGSET_SIZE + 16, 16);
        MemorySegment actions = scratch.asSlice(0, Libc.FILE_ACTIONS_SIZE);
        MemorySegment attr = scratch.asSlice(Libc.FILE_ACTIONS_SIZE, Libc.ATTR_SIZE);
        MemorySegment mask = scratch.asSlice(Libc.FILE_ACTIONS_SIZE + Libc.ATTR_SIZE, Libc.SIGSET_SIZE);
        MemorySegment pid = scratch.asSlice(Libc.FILE_ACTIONS_SIZE + Libc.ATTR_SIZE + Libc.SIGSET_SIZE, 4);
        try {
            check("file_actions_init", (int) Libc.FA_INIT.invokeExact(actions));
            try {
                check("addopen", (int) Libc.FA_ADDOPEN.invokeExact(actions, 0, DEV_NULL, Libc.O_RDONLY, 0));
                check("adddup2", (int) Libc.FA_ADDDUP2.invokeExact(actions, outWrite, 1));
                check("adddup2", (int) Libc.FA_ADDDUP2.invokeExact(actions, errWrite, 2));
                check("addclosefrom", (int) Libc.FA_ADDCLOSEFROM.invokeExact(actions, 3));
                if (directory != null) {
                    check("addchdir", (int) Libc.FA_ADDCHDIR.invokeExact(actions,
                            arena.allocateFrom(directory.toString())));
                }
                check("spawnattr_init", (int) Libc.ATTR_INIT.invokeExact(attr));
                try {
                    check("sigemptyset", (int) Libc.SIGEMPTYSET.invokeExact(mask));
                    check("setsigmask", (int) Libc.ATTR_SETSIGMASK.invokeExact(attr, mask));
                    check("setflags", (int) Libc.ATTR_SETFLAGS.invokeExact(attr,
                            (short) (Libc.POSIX_SPAWN_SETSID | Libc.POSIX_SPAWN_SETSIGMASK)));
                    MemorySegment argvBlock = strings(arena, argv);
                    int rc = (int) Libc.POSIX_SPAWN.invokeExact(pid, argvBlock.getAtIndex(ADDRESS, 0),
                            actions, attr, argvBlock, environment(extra));
                    if (rc == Libc.ENOEXEC) {
                        return -1;
                    }
                    if (rc != 0) {
                        throw new IOException("error=" + rc + ", " + Libc.describe(rc) + " (posix_spawn)");
                    }
                    return pid.get(JAVA_INT, 0);
                } finally {
                    int ignored = (int) Libc.ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) Libc.FA_DESTROY.invokeExact(actions);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String what, int rc) throws IOException {
        if (rc != 0) {
            throw new IOException("posix_spawn " + what + " failed: error " + rc);
        }
    }

    /** The environment block last built: a batch's tasks all have the same extra variables. */
    private volatile Environment lastEnvironment;

    /** {@code envp} in native memory, freed by the garbage collector once no spawn uses it. */
    private record Environment(Map<String, String> extra, MemorySegment envp) {
    }

    private MemorySegment environment(Map<String, String> extra) {
        Environment last = lastEnvironment;
        if (last != null && Objects.equals(last.extra(), extra)) {
            return last.envp();
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (extra != null) {
            env.putAll(extra);
        }
        List<String> entries = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        MemorySegment envp = strings(Arena.ofAuto(), entries);
        lastEnvironment = new Environment(extra == null ? null : new HashMap<>(extra), envp);
        return envp;
    }

    /**
     * A NULL-terminated array of C strings, in one allocation (pointers first, then the strings): a
     * spawn is cheaper with one {@code malloc} than with one per string. A String is written as UTF-8,
     * a {@link ByteArg} as its bytes.
     */
    static MemorySegment strings(SegmentAllocator allocator, List<?> values) {
        byte[][] bytes = new byte[values.size()][];
        long pointers = (values.size() + 1L) * ADDRESS.byteSize();
        long size = pointers;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i) instanceof ByteArg b ? b.toByteArray()
                    : ((String) values.get(i)).getBytes(StandardCharsets.UTF_8);
            size += bytes[i].length + 1;
        }
        MemorySegment block = allocator.allocate(size, ADDRESS.byteAlignment());
        long at = pointers;
        for (int i = 0; i < bytes.length; i++) {
            MemorySegment.copy(bytes[i], 0, block, JAVA_BYTE, at, bytes[i].length);
            block.set(JAVA_BYTE, at + bytes[i].length, (byte) 0);
            block.setAtIndex(ADDRESS, i, block.asSlice(at));
            at += bytes[i].length + 1;
        }
        block.setAtIndex(ADDRESS, bytes.length, MemorySegment.NULL);
        return block;
    }
}
