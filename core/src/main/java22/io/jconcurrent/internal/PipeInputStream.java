package io.jconcurrent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read end of a child's stdout or stderr pipe, read with {@code read(2)}; one reader thread. A
 * close from another thread while a read blocks does not close the descriptor under the read (its
 * number could be reused by then): the reader closes it when its read returns.
 */
final class PipeInputStream extends InputStream {

    private static final int IDLE = 0;
    private static final int READING = 1;
    private static final int CLOSE_PENDING = 2;
    private static final int CLOSED = 3;
    private static final int BUFFER = 64 * 1024;

    private final int fd;
    /**
     * Freed by the garbage collector: closing a shared arena costs a handshake with every thread,
     * twice per task, and the reader and the closer may be different threads.
     */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment buffer = arena.allocate(BUFFER);
    private final MemorySegment callState = arena.allocate(Libc.CALL_STATE);
    private final AtomicInteger state = new AtomicInteger(IDLE);

    PipeInputStream(int fd) {
        this.fd = fd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!state.compareAndSet(IDLE, READING)) {
            return -1; // closed
        }
        long n;
        int errno = 0;
        boolean closedMeanwhile = false;
        try {
            do {
                n = (long) Libc.READ.invokeExact(callState, fd, buffer, (long) Math.min(len, BUFFER));
                errno = n == -1 ? Libc.errno(callState) : 0;
            } while (n == -1 && errno == Libc.EINTR && state.get() == READING);
            if (n > 0) {
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
            }
        } catch (Throwable e) {
            n = -2;
        } finally {
            if (!state.compareAndSet(READING, IDLE)) {
                state.set(CLOSED); // close() came while we read: ours to finish
                release();
                closedMeanwhile = true;
            }
        }
        if (n < 0 && !closedMeanwhile) {
            throw new IOException("read from pipe " + fd + " failed" + (n == -1 ? ": errno " + errno : ""));
        }
        return n <= 0 ? -1 : (int) n;
    }

    @Override
    public void close() {
        while (true) {
            int s = state.get();
            if (s == IDLE && state.compareAndSet(IDLE, CLOSED)) {
                release();
                return;
            }
            if (s == READING && state.compareAndSet(READING, CLOSE_PENDING)) {
                return; // the reader releases when its read returns
            }
            if (s == CLOSE_PENDING || s == CLOSED) {
                return;
            }
        }
    }

    private void release() {
        Libc.close(fd);
    }
}
