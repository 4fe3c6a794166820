package io.jconcurrent.internal.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps at most {@code limit} bytes of a stream: the first half as written, and a ring of the most
 * recent second half once the first is full. Memory grows with what is kept, not with the stream.
 * Thread-safe: one reader writes, and the task's thread reads the text at the end.
 *
 * <p>A head larger than {@link #SPILL_AT} goes to a temporary file instead of memory, and is read
 * back when the text is wanted with {@link Files#readString}, whose array becomes the String's own
 * when the text is ASCII: 200 MB of output then costs 200 MB of heap at the end, not three times that
 * (the chunks, their join, and the String's copy), and nothing while the task runs.
 */
public final class HeadTailBuffer implements StreamSink {

    /** Head bytes kept in memory before the rest goes to a file. */
    static final long SPILL_AT = 16L << 20;

    /**
     * Chunks grow by doubling up to this. Every size is a power of two less a 16-byte array header,
     * so that an array fills whole G1 regions (or exactly half of one) instead of spilling into one
     * more: a byte[1 MiB] took a 2 MiB region, which doubled the memory of large captured output.
     * Chunks of a region or more go straight to the old generation and are never copied by a young
     * collection, which large output otherwise pays for again at every collection.
     */
    private static final int MAX_CHUNK = (8 << 20) - 16;
    private static final int MIN_CHUNK = (8 << 10) - 16;

    private final long headCapacity;
    private final int tailCapacity;
    private final long spillAt;
    private boolean spillTried;
    private Path spillFile;
    private OutputStream spillOut;
    private String spilledText;
    private final List<byte[]> headChunks = new ArrayList<>();
    private long headSize;
    private int lastChunkUsed;
    private byte[] tail;
    private int tailPos;
    private long tailWritten;

    public HeadTailBuffer(long limit) {
        this(limit, SPILL_AT);
    }

    /** With the head spilled to a file past {@code spillAt} bytes (for tests; normally {@link #SPILL_AT}). */
    HeadTailBuffer(long limit, long spillAt) {
        this.headCapacity = limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit - limit / 2;
        this.tailCapacity = limit == Long.MAX_VALUE ? 0 : (int) Math.min(limit / 2, Integer.MAX_VALUE - 8);
        this.spillAt = spillAt;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (!spillTried && headCapacity > spillAt && headSize + len > spillAt && headSize < headCapacity) {
            spillTried = true;
            startSpilling();
        }
        if (spillOut != null && headSize < headCapacity) {
            int n = (int) Math.min(len, headCapacity - headSize);
            try {
                spillOut.write(b, off, n);
                headSize += n;
                off += n;
                len -= n;
            } catch (IOException e) {
                stopSpilling(); // disk full, say: the head goes back to memory, and so does this write
            }
        }
        while (len > 0 && headSize < headCapacity) {
            byte[] last = headChunks.isEmpty() ? null : headChunks.getLast();
            int used = lastChunkUsed;
            if (last == null || used == last.length) {
                long room = headCapacity - headSize;
                int size = (int) Math.min(room, nextChunkSize(headSize));
                last = new byte[size];
                headChunks.add(last);
                used = 0;
            }
            int n = Math.min(len, last.length - used);
            System.arraycopy(b, off, last, used, n);
            lastChunkUsed = used + n;
            headSize += n;
            off += n;
            len -= n;
        }
        if (len == 0) {
            return;
        }
        if (tail == null) {
            tail = new byte[tailCapacity];
        }
        tailWritten += len;
        if (len >= tailCapacity) {
            System.arraycopy(b, off + len - tailCapacity, tail, 0, tailCapacity);
            tailPos = 0;
            return;
        }
        int first = Math.min(len, tailCapacity - tailPos);
        System.arraycopy(b, off, tail, tailPos, first);
        System.arraycopy(b, off + first, tail, 0, len - first);
        tailPos = (tailPos + len) % tailCapacity;
    }

    /** Doubles with what is kept so far, from {@link #MIN_CHUNK} to {@link #MAX_CHUNK}. */
    static int nextChunkSize(long kept) {
        if (kept >= MAX_CHUNK) {
            return MAX_CHUNK;
        }
        int size = MIN_CHUNK;
        while (size < kept && size < MAX_CHUNK) {
            size = size * 2 + 16;
        }
        return size;
    }

    @Override
    public void finish() {
        // the text is read once the stream has ended; a spilled head is read back then
    }

    /** Whether bytes were dropped from the middle. */
    @Override
    public synchronized boolean truncated() {
        return tailWritten > tailCapacity;
    }

    /** The kept bytes as UTF-8 text (invalid bytes replaced), with a marker where bytes were dropped. */
    @Override
    public synchronized String text() {
        if (spilledText != null) {
            return spilledText;
        }
        if (spillOut != null && tail == null) {
            spilledText = readSpilled();
            return spilledText;
        }
        byte[] head = headBytes();
        if (tail == null) {
            return new String(head, StandardCharsets.UTF_8);
        }
        byte[] kept = tailBytes();
        if (tailWritten <= tailCapacity) {
            byte[] all = new byte[head.length + kept.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(kept, 0, all, head.length, kept.length);
            return new String(all, StandardCharsets.UTF_8);
        }
        int headEnd = Utf8.completePrefix(head, head.length);
        int tailStart = Utf8.firstBoundary(kept);
        long dropped = (tailWritten - tailCapacity) + (head.length - headEnd) + tailStart;
        return new String(head, 0, headEnd, StandardCharsets.UTF_8)
                + "\n[jconcurrent: " + dropped + " bytes omitted]\n"
                + new String(kept, tailStart, kept.length - tailStart, StandardCharsets.UTF_8);
    }

    private byte[] headBytes() {
        if (spillOut != null) {
            stopSpilling();
        }
        if (headChunks.size() == 1 && headChunks.getFirst().length == headSize) {
            return headChunks.getFirst();
        }
        byte[] out = new byte[Math.toIntExact(headSize)];
        int pos = 0;
        for (int i = 0; i < headChunks.size(); i++) {
            byte[] c = headChunks.get(i);
            int n = (int) Math.min(c.length, headSize - pos);
            System.arraycopy(c, 0, out, pos, n);
            pos += n;
            headChunks.set(i, null); // let each chunk go as soon as it is copied
        }
        // From now on the joined copy is the head, so the chunks are not held twice (and text()
        // can be called again). Text is only read once the stream has ended.
        headChunks.clear();
        headChunks.add(out);
        lastChunkUsed = out.length;
        return out;
    }

    /** Moves the head kept so far to a new temporary file, which receives the rest of the head. */
    private void startSpilling() {
        try {
            spillFile = Files.createTempFile("jconcurrent-output-", ".tmp"); // owner-only permissions
            spillFile.toFile().deleteOnExit(); // in case the text is never read
            // Unbuffered: the reader writes 64 KiB at a time, and a failed write loses nothing kept.
            spillOut = Files.newOutputStream(spillFile);
            long left = headSize;
            for (byte[] c : headChunks) {
                int n = (int) Math.min(c.length, left);
                spillOut.write(c, 0, n);
                left -= n;
            }
            headChunks.clear();
            lastChunkUsed = 0;
        } catch (IOException e) {
            discardSpill(); // the head stays in memory
        }
    }

    /** Brings the spilled head back into memory as one full chunk, and deletes the file. */
    private void stopSpilling() {
        try {
            spillOut.close();
            byte[] head = new byte[Math.toIntExact(headSize)];
            try (InputStream in = Files.newInputStream(spillFile)) {
                if (in.readNBytes(head, 0, head.length) != head.length) {
                    throw new IOException("the file is shorter than what was written to it");
                }
            }
            headChunks.clear();
            headChunks.add(head);
            lastChunkUsed = head.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back captured output from " + spillFile, e);
        } finally {
            discardSpill();
        }
    }

    /** The spilled head as text, without a copy when it is ASCII; the file is deleted. */
    private String readSpilled() {
        try {
            spillOut.close();
            try {
                return Files.readString(spillFile, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                return new String(Files.readAllBytes(spillFile), StandardCharsets.UTF_8); // invalid UTF-8: replaced
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back captured output from " + spillFile, e);
        } finally {
            discardSpill();
        }
    }

    private void discardSpill() {
        try {
            if (spillOut != null) {
                spillOut.close();
            }
            if (spillFile != null) {
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException ignored) {
            // a temporary file left behind; deleteOnExit has it
        }
        spillOut = null;
    }

    private byte[] tailBytes() {
        if (tailWritten < tailCapacity) {
            byte[] out = new byte[(int) tailWritten];
            System.arraycopy(tail, 0, out, 0, (int) tailWritten);
            return out;
        }
        byte[] out = new byte[tailCapacity];
        System.arraycopy(tail, tailPos, out, 0, tailCapacity - tailPos);
        System.arraycopy(tail, 0, out, tailCapacity - tailPos, tailPos);
        return out;
    }
}
