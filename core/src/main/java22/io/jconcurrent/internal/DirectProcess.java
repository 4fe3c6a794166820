package io.jconcurrent.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child started by {@link PosixSpawner}: a platform thread waits for it with {@code waitpid} and
 * reaps it (the JDK reaps only the children it started). The exit value follows the JDK: the exit
 * status, or 128 + the signal that ended it. Stopping it goes through its {@link ProcessHandle},
 * which checks the process's start time, so a reused pid is never signalled.
 */
final class DirectProcess extends Process {

    private static final ExecutorService REAPERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "jconcurrent-reaper", 64 * 1024);
        t.setDaemon(true);
        return t;
    });

    private final int pid;
    private final ProcessHandle handle;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Process> exit = new CompletableFuture<>();
    private volatile int exitValue;

    private DirectProcess(int pid, ProcessHandle handle, InputStream stdout, InputStream stderr) {
        this.pid = pid;
        this.handle = handle;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Wraps a just-spawned child (not reaped yet, so its handle is valid) and starts its reaper. */
    static DirectProcess started(int pid, InputStream stdout, InputStream stderr) {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(
                () -> new IllegalStateException("spawned process " + pid + " not found"));
        DirectProcess p = new DirectProcess(pid, handle, stdout, stderr);
        REAPERS.execute(p::reap);
        return p;
    }

    private void reap() {
        int status;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment wstatus = arena.allocate(JAVA_INT);
            while (true) {
                int rc = (int) Libc.WAITPID.invokeExact(state, pid, wstatus, 0);
                if (rc == pid) {
                    status = wstatus.get(JAVA_INT, 0);
                    break;
                }
                if (rc == -1 && Libc.errno(state) == Libc.EINTR) {
                    continue;
                }
                status = -1; // not our child any more (someone else reaped it): no status to give
                break;
            }
        } catch (Throwable e) {
            exit.completeExceptionally(e);
            return;
        }
        exitValue = decode(status);
        exit.complete(this);
    }

    /** The JDK's convention: the exit status, or 128 + signal; -1 if unknown. */
    static int decode(int status) {
        if (status == -1) {
            return -1;
        }
        int signal = status & 0x7f;
        if (signal == 0) {
            return (status >> 8) & 0xff;
        }
        return 128 + signal;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream(); // stdin is /dev/null
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + pid + " failed", e.getCause());
        }
        return exitValue;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + pid + " failed", e.getCause());
        }
    }

    @Override
    public int exitValue() {
        if (!exit.isDone()) {
            throw new IllegalThreadStateException("process " + pid + " has not exited");
        }
        return exitValue;
    }

    @Override
    public void destroy() {
        if (!exit.isDone()) {
            handle.destroy();
        }
    }

    @Override
    public Process destroyForcibly() {
        if (!exit.isDone()) {
            handle.destroyForcibly();
        }
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.copy();
    }

    @Override
    public String toString() {
        return "DirectProcess[pid=" + pid + ", " + (exit.isDone() ? "exitValue=" + exitValue : "running") + "]";
    }
}
