package io.jconcurrent.internal.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In a worker JVM, what {@code System.out} or {@code System.err} writes to: bytes are collected in a
 * small buffer and sent to the parent as {@link Frames#STDOUT} or {@link Frames#STDERR} frames when the
 * stream is flushed (the auto-flushing {@code PrintStream} around it does so at each line), when the
 * buffer fills, when the task ends, and every few tens of milliseconds in between (so that a task
 * killed at its deadline still has what it wrote until shortly before). Memory stays constant
 * however much the task writes; the parent applies the batch's output cap.
 */
final class FramedOutput extends OutputStream {

    private static final int SIZE = 8192;

    private final Frames.Writer channel;
    private final byte type;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] buffer = new byte[SIZE];
    private int count;

    FramedOutput(Frames.Writer channel, byte type) {
        this.channel = channel;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        lock.lock();
        try {
            if (count == SIZE) {
                sendLocked();
            }
            buffer[count++] = (byte) b;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            if (len >= SIZE) {
                sendLocked();
                channel.send(type, null, b, off, len);
                return;
            }
            if (count + len > SIZE) {
                sendLocked();
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is buffered; a no-op when empty. Output is never lost to a flush the task did not ask for. */
    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            sendLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is buffered unless the lock is busy (used by the periodic flusher and on exit). */
    void tryFlush() {
        if (lock.tryLock()) {
            try {
                sendLocked();
            } catch (IOException e) {
                // the parent is gone; the read loop notices and ends the worker
            } finally {
                lock.unlock();
            }
        }
    }

    private void sendLocked() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            channel.send(type, null, buffer, 0, n);
        }
    }
}
