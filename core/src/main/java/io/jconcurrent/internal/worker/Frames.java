package io.jconcurrent.internal.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wire format between the parent and a worker JVM: frames of {@code int length, byte type,
 * payload}, in both directions over a pair of pipes. Values inside payloads are encoded by {@link Values}.
 */
final class Frames {

    /** Parent to worker: the function and its fixed args, as {@link FunctionCodec} writes them. */
    static final byte INIT = 1;
    /** Parent to worker: {@code long taskId}, then the key and the arg, two values. */
    static final byte RUN = 2;
    /** Parent to worker: exit now; the parent cleans up after you. (End of input without it means the parent died.) */
    static final byte STOP = 3;

    /** Worker to parent: the function is loaded; the worker takes tasks. */
    static final byte READY = 10;
    /** Worker to parent: UTF-8 text saying why the function could not be loaded. */
    static final byte INIT_FAILED = 11;
    /** Worker to parent: bytes the running task wrote to {@code System.out}. */
    static final byte STDOUT = 12;
    /** Worker to parent: bytes the running task wrote to {@code System.err}. */
    static final byte STDERR = 13;
    /**
     * Worker to parent: {@code long taskId, byte kind, byte flags, long startNanos, long endNanos}
     * ({@link #RESULT_HEADER} bytes), then one value.
     */
    static final byte RESULT = 14;
    /** The length of a {@link #RESULT} frame's header. */
    static final int RESULT_HEADER = 26;
    /** Worker to parent: the worker JVM is shutting down through {@code System.exit} (its hooks run). */
    static final byte SHUTDOWN = 15;
    /**
     * Worker to parent: {@code long taskId}, a task read after the worker waited for one starts now
     * (sent before its function is called). A task read while the one before ran is announced by that
     * one's {@link #RESULT} instead ({@link #NEXT_STARTS}). So a worker that dies without announcing
     * its task never called the task's function: the task runs again on a fresh worker.
     */
    static final byte STARTED = 16;
    /** In a {@link #RESULT}'s flags byte: the worker is retiring (it takes no more tasks). */
    static final byte RETIRING = 1;
    /** In a {@link #RESULT}'s flags byte: the next task was read already, and starts now. */
    static final byte NEXT_STARTS = 2;

    /** RESULT kinds: the function returned (value: its Outcome or null). */
    static final byte RETURNED = 0;
    /** RESULT kinds: the function threw (value: the Throwable, or a stand-in if it cannot travel). */
    static final byte THREW = 1;
    /** RESULT kinds: the task could not be carried out or reported (value: a String cause). */
    static final byte FAILED = 2;

    /** Larger frames mean the stream is corrupt, not that someone sent 1 GiB in one piece. */
    private static final int MAX_FRAME = 1 << 30;

    private Frames() {
    }

    /** One received frame. */
    record Frame(byte type, byte[] payload) {
    }

    /** A frame writer shared by several threads; each frame goes out whole and is flushed. */
    static final class Writer {
        private final DataOutputStream out;
        private final ReentrantLock lock = new ReentrantLock();

        Writer(OutputStream out) {
            this.out = new DataOutputStream(out instanceof java.io.BufferedOutputStream ? out
                    : new java.io.BufferedOutputStream(out, 1 << 16));
        }

        void send(byte type, byte[] payload) throws IOException {
            send(type, null, payload, 0, payload.length);
        }

        /** Sends {@code header} (may be null) followed by {@code payload[off, off+len)} as one frame. */
        void send(byte type, byte[] header, byte[] payload, int off, int len) throws IOException {
            int h = header == null ? 0 : header.length;
            lock.lock();
            try {
                out.writeInt(h + len);
                out.writeByte(type);
                if (header != null) {
                    out.write(header);
                }
                out.write(payload, off, len);
                out.flush();
            } finally {
                lock.unlock();
            }
        }

        ReentrantLock lock() {
            return lock;
        }

        void close() throws IOException {
            lock.lock();
            try {
                out.close();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next frame, or null at end of stream. */
    static Frame read(DataInputStream in) throws IOException {
        int len;
        try {
            len = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        byte type = in.readByte();
        if (len < 0 || len > MAX_FRAME) {
            throw new IOException("corrupt frame (length " + len + ")");
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return new Frame(type, payload);
    }

    /**
     * A frame reader over {@code in}. An already buffered stream (a {@link Process}'s) is not wrapped
     * again: a buffer over a buffer asks the inner one {@code available()} after every short read, two
     * system calls per frame.
     */
    static DataInputStream input(InputStream in) {
        return new DataInputStream(in instanceof java.io.BufferedInputStream ? in
                : new java.io.BufferedInputStream(in, 1 << 16));
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
