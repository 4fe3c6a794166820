package io.jconcurrent.internal.process;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.jconcurrent.OutputBytes;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One pooled platform thread per directly spawned task that {@code poll}s the child's pidfd and both
 * of its pipes together: it drains stdout and stderr into the task's sinks, and reaps the child with
 * {@code waitpid} once the pidfd says it has exited. The task's own thread is woken once, by the exit,
 * where the JDK's launcher path wakes two readers, a reaper and the task's thread.
 *
 * <p>A blocking {@code poll} would pin a virtual thread's carrier, hence a platform thread. Within one
 * wake-up the pipes are read before the exit is reported, so output written before the exit is
 * normally complete by the time the task's thread looks. The watcher owns the three descriptors and
 * closes them itself, so none is closed under a {@code poll}.
 */
final class ProcessWatcher implements OutputDrain {

    private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "jconcurrent-watcher", 256 * 1024);
        t.setDaemon(true);
        return t;
    });
    private static final int BUFFER = 64 * 1024;
    /** Per pooled thread, reused: freeing 64 KiB of native memory per stream per task costs. */
    private static final ThreadLocal<MemorySegment> NATIVE_BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(BUFFER));
    private static final ThreadLocal<byte[]> HEAP_BUFFER = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    /** How often a watcher whose child has exited but whose pipes are held looks for {@link #abandon}. */
    private static final int HELD_PIPES_POLL_MS = 20;
    private static final long POLLFD_SIZE = 8;

    private final DirectProcess process;
    private final int pidfd;
    private final OutputCapture.Sinks sinks;
    /** stdout's and stderr's read ends; -1 once closed. Touched by the watcher thread only. */
    private int outFd;
    private int errFd;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean abandoned;

    private ProcessWatcher(DirectProcess process, int pidfd, int outFd, int errFd, OutputCapture.Sinks sinks) {
        this.process = process;
        this.pidfd = pidfd;
        this.outFd = outFd;
        this.errFd = errFd;
        this.sinks = sinks;
    }

    /** Takes over the three descriptors and starts watching. */
    static ProcessWatcher start(DirectProcess process, int pidfd, int outFd, int errFd, OutputCapture.Sinks sinks) {
        ProcessWatcher w = new ProcessWatcher(process, pidfd, outFd, errFd, sinks);
        WATCHERS.execute(w::watch);
        return w;
    }

    private void watch() {
        boolean reaped = false;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfds = arena.allocate(POLLFD_SIZE * 3, 8);
            MemorySegment state = arena.allocate(Libc.CALL_STATE);
            MemorySegment wstatus = arena.allocate(JAVA_INT);
            MemorySegment nativeBuffer = NATIVE_BUFFER.get();
            byte[] chunk = HEAP_BUFFER.get();
            while (!reaped || !drained.isDone()) {
                if (abandoned && !drained.isDone()) {
                    closePipes();
                    finishOutput();
                    continue;
                }
                int n = 0;
                n = entry(pollfds, n, outFd);
                n = entry(pollfds, n, errFd);
                int pidAt = reaped ? -1 : n;
                if (!reaped) {
                    n = entry(pollfds, n, pidfd);
                }
                int rc = (int) Libc.POLL.invokeExact(state, pollfds, (long) n, reaped ? HELD_PIPES_POLL_MS : -1);
                if (rc < 0) {
                    if (Libc.errno(state) == Libc.EINTR) {
                        continue;
                    }
                    throw new IOException("poll failed: errno " + Libc.errno(state));
                }
                for (int i = 0; i < n; i++) {
                    if (i != pidAt && revents(pollfds, i) != 0) {
                        drainOnce(pollfds.get(JAVA_INT, i * POLLFD_SIZE), state, nativeBuffer, chunk);
                    }
                }
                if (outFd < 0 && errFd < 0) {
                    finishOutput(); // before the exit is reported: the task's thread then finds it done
                }
                if (pidAt >= 0 && revents(pollfds, pidAt) != 0) {
                    reaped = true;
                    process.exited(reap(state, wstatus));
                }
            }
        } catch (Throwable e) {
            closePipes();
            finishOutput();
            if (!reaped) {
                reapAfter(e);
            }
        } finally {
            Libc.close(pidfd);
        }
    }

    private static int entry(MemorySegment pollfds, int n, int fd) {
        if (fd < 0) {
            return n;
        }
        long at = n * POLLFD_SIZE;
        pollfds.set(JAVA_INT, at, fd);
        pollfds.set(JAVA_SHORT, at + 4, Libc.POLLIN);
        pollfds.set(JAVA_SHORT, at + 6, (short) 0);
        return n + 1;
    }

    private static short revents(MemorySegment pollfds, int i) {
        return pollfds.get(JAVA_SHORT, i * POLLFD_SIZE + 6);
    }

    /**
     * One read from a pipe that {@code poll} found ready, so it does not block; end of file, an
     * error, or a sink that cannot take the data (a file on a full disk) closes the pipe.
     */
    private void drainOnce(int fd, MemorySegment state, MemorySegment nativeBuffer, byte[] chunk) throws Throwable {
        boolean stdout = fd == outFd;
        long n = (long) Libc.READ.invokeExact(state, fd, nativeBuffer, (long) BUFFER);
        if (n < 0 && Libc.errno(state) == Libc.EINTR) {
            return;
        }
        if (n > 0) {
            MemorySegment.copy(nativeBuffer, JAVA_BYTE, 0, chunk, 0, (int) n);
            try {
                sinks.write(stdout, chunk, (int) n);
                return;
            } catch (IOException | RuntimeException e) {
                // keep what was written (as the JDK path's readers do); the child gets SIGPIPE if it writes on
            }
        }
        closePipe(stdout);
    }

    private void closePipe(boolean stdout) {
        if (stdout && outFd >= 0) {
            Libc.close(outFd);
            outFd = -1;
        } else if (!stdout && errFd >= 0) {
            Libc.close(errFd);
            errFd = -1;
        }
    }

    private void closePipes() {
        closePipe(true);
        closePipe(false);
    }

    private void finishOutput() {
        if (!drained.isDone()) {
            sinks.closeFiles();
            drained.complete(null);
        }
    }

    /** The watch failed (an engine bug): still wait for the child, so that it is reaped and reported. */
    private void reapAfter(Throwable failure) {
        try (Arena arena = Arena.ofConfined()) {
            process.exited(reap(arena.allocate(Libc.CALL_STATE), arena.allocate(JAVA_INT)));
        } catch (Throwable e) {
            failure.addSuppressed(e);
            process.waitFailed(failure);
        }
    }

    /** waitpid; at once when the pidfd says the child has exited. -1 if it was not ours to reap. */
    private int reap(MemorySegment state, MemorySegment wstatus) throws Throwable {
        while (true) {
            int rc = (int) Libc.WAITPID.invokeExact(state, (int) process.pid(), wstatus, 0);
            if (rc > 0) {
                return wstatus.get(JAVA_INT, 0);
            }
            if (rc == -1 && Libc.errno(state) == Libc.EINTR) {
                continue;
            }
            return -1; // not our child any more (someone else reaped it): no status to give
        }
    }

    @Override
    public boolean awaitDrained(Duration limit) throws InterruptedException {
        try {
            drained.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Closes the pipes through the watcher, which looks every few milliseconds once the child is gone. */
    @Override
    public void abandon() {
        abandoned = true;
        try {
            drained.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the watcher is stuck in a sink (a blocked file write): keep what is there
        }
    }

    @Override
    public String stdout() {
        return sinks.text(true);
    }

    @Override
    public String stderr() {
        return sinks.text(false);
    }

    @Override
    public boolean stdoutTruncated() {
        return sinks.truncated(true);
    }

    @Override
    public boolean stderrTruncated() {
        return sinks.truncated(false);
    }

    @Override
    public OutputBytes stdoutBytes() {
        return sinks.bytes(true);
    }

    @Override
    public OutputBytes stderrBytes() {
        return sinks.bytes(false);
    }
}
