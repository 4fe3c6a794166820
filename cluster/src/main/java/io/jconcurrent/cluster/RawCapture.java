package io.jconcurrent.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One stream of a task's output as a member keeps it: raw bytes, the head and the tail up to a cap, and
 * how many bytes between them were dropped. The split is the engine's own (head {@code cap - cap/2},
 * tail {@code cap/2} for text; the first {@code cap} bytes for exact bytes), so that the submitter's
 * engine, fed the head, as many bytes as were dropped and the tail ({@link #replay}), keeps exactly what
 * it keeps when the task runs on its own machine.
 *
 * <p>Thread-safety: writes are synchronized; {@link #kept()} after the task has ended.
 */
final class RawCapture extends OutputStream {

    /** What the submitter gets back. */
    record Kept(byte[] head, long dropped, byte[] tail) implements Serializable {
        static final Kept NOTHING = new Kept(new byte[0], 0, new byte[0]);
    }

    private static final byte[] FILLER = new byte[64 << 10];

    private final long headCap;
    private final int tailCap;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private byte[] tail;
    private int tailPos;
    private long tailWritten;
    /** Bytes dropped past the head when there is no tail. */
    private long droppedAfterHead;

    /**
     * @param cap      the output policy's cap per stream; {@link Long#MAX_VALUE} keeps everything
     * @param headOnly keep the first {@code cap} bytes, not a head and a tail
     */
    RawCapture(long cap, boolean headOnly) {
        this.headCap = cap == Long.MAX_VALUE || headOnly ? cap : cap - cap / 2;
        this.tailCap = cap == Long.MAX_VALUE || headOnly ? 0 : (int) Math.min(cap / 2, Integer.MAX_VALUE - 8);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int toHead = (int) Math.min(len, headCap - head.size());
        if (toHead > 0) {
            head.write(b, off, toHead);
            off += toHead;
            len -= toHead;
        }
        if (len == 0) {
            return;
        }
        if (tailCap == 0) {
            droppedAfterHead += len;
            return;
        }
        if (tail == null) {
            tail = new byte[tailCap];
        }
        tailWritten += len;
        if (len >= tailCap) {
            System.arraycopy(b, off + len - tailCap, tail, 0, tailCap);
            tailPos = 0;
            return;
        }
        int first = Math.min(len, tailCap - tailPos);
        System.arraycopy(b, off, tail, tailPos, first);
        System.arraycopy(b, off + first, tail, 0, len - first);
        tailPos = (tailPos + len) % tailCap;
    }

    /** The head, the count dropped, and the tail in order. */
    synchronized Kept kept() {
        if (tail == null) {
            return head.size() == 0 && droppedAfterHead == 0 ? Kept.NOTHING
                    : new Kept(head.toByteArray(), droppedAfterHead, new byte[0]);
        }
        byte[] t;
        if (tailWritten < tailCap) {
            t = Arrays.copyOf(tail, (int) tailWritten);
        } else {
            t = new byte[tailCap];
            System.arraycopy(tail, tailPos, t, 0, tailCap - tailPos);
            System.arraycopy(tail, 0, t, tailCap - tailPos, tailPos);
        }
        return new Kept(head.toByteArray(), Math.max(0, tailWritten - tailCap), t);
    }

    /**
     * Writes what a member kept to one of the engine's output streams: the head, then (with
     * {@code refill}) as many filler bytes as were dropped, which the engine's own capture drops again and
     * counts, or (without) a line that says how many were dropped, then the tail.
     */
    static void replay(Kept kept, OutputStream out, boolean refill, String host) throws IOException {
        out.write(kept.head());
        if (kept.dropped() > 0) {
            if (refill) {
                for (long left = kept.dropped(); left > 0; left -= FILLER.length) {
                    out.write(FILLER, 0, (int) Math.min(left, FILLER.length));
                }
            } else {
                out.write(("\n[jconcurrent: " + kept.dropped() + " bytes omitted on member " + host + "]\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        out.write(kept.tail());
    }
}
