package io.jconcurrent.internal.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * The few C library functions direct spawning needs, bound once through the Foreign Function and
 * Memory API (Linux 5.3 or later for {@code pidfd_open}, glibc 2.34 or later for
 * {@code posix_spawn_file_actions_addclosefrom_np}).
 * Loading this class fails if any is missing, and the caller falls back to the JDK's launcher.
 */
final class Libc {

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ENOEXEC = 8;
    static final int SIGKILL = 9;
    static final short POLLIN = 0x1;
    /** Generous upper bounds of glibc's opaque structs (80, 336 and 128 bytes on x86-64). */
    static final long FILE_ACTIONS_SIZE = 512;
    static final long ATTR_SIZE = 1024;
    static final long SIGSET_SIZE = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    static final MethodHandle POSIX_SPAWN = bind("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle FA_INIT = bind("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle FA_DESTROY = bind("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle FA_ADDOPEN = bind("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle FA_ADDDUP2 = bind("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle FA_ADDCLOSEFROM = bind("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle FA_ADDCHDIR = bind("posix_spawn_file_actions_addchdir_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle ATTR_INIT = bind("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle ATTR_DESTROY = bind("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle ATTR_SETFLAGS = bind("posix_spawnattr_setflags",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    static final MethodHandle ATTR_SETSIGMASK = bind("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle SIGEMPTYSET = bind("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle PIPE2 = bindErrno("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle READ = bindErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle KILL = bindErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle POLL = bindErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** {@code int pidfd_open(pid_t, unsigned)}: a descriptor that polls readable when the process exits. */
    static final MethodHandle PIDFD_OPEN = bindPidfdOpen();
    static final MethodHandle WAITPID = bindErrno("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd) {
        MemorySegment fn = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in libc"));
        return LINKER.downcallHandle(fn, fd);
    }

    private static MethodHandle bindErrno(String name, FunctionDescriptor fd) {
        MemorySegment fn = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in libc"));
        return LINKER.downcallHandle(fn, fd, ERRNO);
    }

    /**
     * glibc's {@code pidfd_open} (2.36+), else the system call itself (Linux 5.3+; number 434 on
     * x86-64 and AArch64), adapted to the same {@code (state, int, int) int} shape.
     */
    private static MethodHandle bindPidfdOpen() {
        if (LIBC.find("pidfd_open").isPresent()) {
            return bindErrno("pidfd_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("aarch64")) {
            throw new UnsatisfiedLinkError("no pidfd_open in libc, and its system call number is unknown on " + arch);
        }
        MemorySegment fn = LIBC.find("syscall").orElseThrow(() -> new UnsatisfiedLinkError("no syscall in libc"));
        MethodHandle syscall = LINKER.downcallHandle(fn,
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), ERRNO, Linker.Option.firstVariadicArg(1));
        MethodHandle pidfdOpen = MethodHandles.insertArguments(syscall, 1, 434L);
        return MethodHandles.explicitCastArguments(pidfdOpen,
                MethodType.methodType(int.class, MemorySegment.class, int.class, int.class));
    }

    /**
     * What an errno means, in the C library's words for the ones a spawn meets (strerror itself is not
     * bound: one more function to link costs a fresh JVM's start-up); else "errno N".
     */
    static String describe(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted";
            case 2 -> "no such file or directory";
            case 7 -> "argument list too long";
            case 11 -> "resource temporarily unavailable (too many processes?)";
            case 12 -> "cannot allocate memory";
            case 13 -> "permission denied";
            case 20 -> "not a directory";
            case 24 -> "too many open files";
            case 26 -> "text file busy";
            case 36 -> "file name too long";
            case 40 -> "too many levels of symbolic links";
            default -> "errno " + errno;
        };
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO_VALUE.get(callState, 0L);
    }

    /** close(2), ignoring errors: used only on descriptors we own and close once. */
    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close(" + fd + ") failed", e);
        }
    }
}
