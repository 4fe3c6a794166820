package io.jconcurrent.internal.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child started by {@link PosixSpawner}. Its {@link ProcessWatcher} reaps it (the JDK reaps only the
 * children it started) and drains its output, so the streams here are empty. The exit value follows
 * the JDK: the exit status, or 128 + the signal that ended it. Stopping it goes through its
 * {@link ProcessHandle}, which checks the process's start time, so a reused pid is never signalled.
 */
final class DirectProcess extends Process implements KnowsSignal {

    private final int pid;
    private final ProcessHandle handle;
    private final CompletableFuture<Process> exit = new CompletableFuture<>();
    private volatile int exitValue;
    private volatile int signal;

    /** Wraps a just-spawned child, not reaped yet, so that its handle is valid. */
    DirectProcess(int pid) {
        this.pid = pid;
        this.handle = ProcessHandle.of(pid).orElseThrow(
                () -> new IllegalStateException("spawned process " + pid + " not found"));
    }

    /** Called once by the watcher when it has reaped the child with wait status {@code status}. */
    void exited(int status) {
        signal = status == -1 ? 0 : status & 0x7f;
        exitValue = decode(status);
        exit.complete(this);
    }

    /** Called by the watcher if it could not wait for the child. */
    void waitFailed(Throwable e) {
        exit.completeExceptionally(e);
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
    public int terminatingSignal() {
        return signal;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream(); // stdin is /dev/null
    }

    /** Empty: the watcher drains stdout into the task's sinks. */
    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    /** Empty: the watcher drains stderr into the task's sinks. */
    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
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
