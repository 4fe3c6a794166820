package io.jconcurrent.internal.output;

import io.jconcurrent.OutputBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Keeps a stream's exact bytes, whole, in bounded memory ({@link io.jconcurrent.OutputPolicy.Bytes}):
 * the first {@code memoryBytes} in an array that grows with them, the rest in a temporary file. The
 * file is created owner-only and unlinked at once, so only its open channel holds it: nothing is left
 * on disk however the JVM ends, and the space is freed when the bytes are released or unreachable. At
 * most {@code limit} bytes are kept (the first ones); the rest are counted. If the file cannot be
 * written (a full disk), what does not fit is counted as omitted rather than failing the task: the
 * stream is still drained, so the task is not stopped by a full pipe or SIGPIPE.
 *
 * <p>One thread writes; {@link #bytes()} is called once the stream has ended.
 */
public final class ByteSpool implements StreamSink {

    /** Closes the channels of spooled output that was never released. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final byte[] NONE = new byte[0];
    private static final int FIRST_ARRAY = 512;

    private final long limit;
    private final int memoryBytes;
    private byte[] memory = NONE;
    private int memorySize;
    private FileChannel file;
    private long fileSize;
    private long omitted;
    private boolean fileFailed;

    public ByteSpool(long limit, int memoryBytes) {
        this.limit = limit;
        this.memoryBytes = memoryBytes;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = limit - memorySize - fileSize;
        if (len > room) {
            omitted += len - room;
            len = (int) room;
        }
        int toMemory = Math.min(len, memoryBytes - memorySize);
        if (toMemory > 0) {
            if (memorySize + toMemory > memory.length) {
                int size = Math.max(FIRST_ARRAY, memory.length);
                while (size < memorySize + toMemory) {
                    size *= 2;
                }
                memory = Arrays.copyOf(memory, Math.min(size, memoryBytes));
            }
            System.arraycopy(b, off, memory, memorySize, toMemory);
            memorySize += toMemory;
            off += toMemory;
            len -= toMemory;
        }
        if (len > 0) {
            toFile(b, off, len);
        }
    }

    private void toFile(byte[] b, int off, int len) {
        if (!fileFailed) {
            try {
                if (file == null) {
                    file = openUnlinked();
                }
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                fileSize += len;
                return;
            } catch (IOException e) {
                fileFailed = true; // from here on, the rest is counted, not kept
            }
        }
        omitted += len;
    }

    /** A new temporary file, readable by its owner only, already removed from its directory. */
    private static FileChannel openUnlinked() throws IOException {
        Path path = Files.createTempFile("jconcurrent-output-", ".tmp"); // 0600
        try {
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(path);
        }
    }

    @Override
    public void finish() {
        // the channel stays open: it is the spooled bytes' only hold on the file
    }

    @Override
    public synchronized boolean truncated() {
        return omitted > 0;
    }

    @Override
    public synchronized OutputBytes bytes() {
        if (memorySize == 0 && file == null && omitted == 0) {
            return OutputBytes.empty();
        }
        return new Spooled(memory, memorySize, file, fileSize, omitted);
    }

    /** The bytes kept: the array's part, then the file's. */
    static final class Spooled implements OutputBytes, Serializable {

        private static final long serialVersionUID = 1L;
        private static final int READ_CHUNK = 64 << 10;

        /** Null once released, so that a result kept after its bytes were printed holds no memory. */
        private volatile byte[] memory;
        private final int memorySize;
        private final transient FileChannel file;
        private final long fileSize;
        private final long omitted;
        private final transient Cleaner.Cleanable cleanable;

        Spooled(byte[] memory, int memorySize, FileChannel file, long fileSize, long omitted) {
            this.memory = memory;
            this.memorySize = memorySize;
            this.file = file;
            this.fileSize = fileSize;
            this.omitted = omitted;
            this.cleanable = file == null ? null : CLEANER.register(this, new Closer(file));
        }

        @Override
        public long size() {
            return memorySize + fileSize;
        }

        @Override
        public long omitted() {
            return omitted;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(memory(), 0, memorySize);
            if (file == null) {
                return;
            }
            byte[] chunk = new byte[(int) Math.min(READ_CHUNK, fileSize)];
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            long at = 0;
            while (at < fileSize) {
                buffer.clear().limit((int) Math.min(chunk.length, fileSize - at));
                int n = read(buffer, at);
                out.write(chunk, 0, n);
                at += n;
            }
        }

        @Override
        public InputStream openStream() {
            byte[] head = memory();
            InputStream memoryPart = new ByteArrayInputStream(head, 0, memorySize);
            if (file == null) {
                return memoryPart;
            }
            return new SequenceInputStream(memoryPart, new InputStream() {
                private long at;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (at >= fileSize) {
                        return -1;
                    }
                    int n;
                    try {
                        n = Spooled.this.read(ByteBuffer.wrap(b, off, (int) Math.min(len, fileSize - at)), at);
                    } catch (IllegalStateException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    at += n;
                    return n;
                }
            });
        }

        @Override
        public byte[] toByteArray() {
            byte[] head = memory();
            long size = size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(size + " bytes do not fit in an array; use writeTo");
            }
            byte[] all = Arrays.copyOf(head, (int) size);
            ByteBuffer buffer = ByteBuffer.wrap(all, memorySize, (int) fileSize);
            long at = 0;
            try {
                while (buffer.hasRemaining()) {
                    at += read(buffer, at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back spooled output", e);
            }
            return all;
        }

        /** One positional read (thread-safe on a FileChannel). */
        private int read(ByteBuffer buffer, long at) throws IOException {
            int n;
            try {
                n = file.read(buffer, at);
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("the output bytes were released", e);
            }
            if (n < 0) {
                throw new IOException("the spooled output file is shorter than what was written to it");
            }
            return n;
        }

        @Override
        public void release() {
            memory = null;
            if (cleanable != null) {
                cleanable.clean();
            }
        }

        private byte[] memory() {
            byte[] m = memory;
            if (m == null) {
                throw new IllegalStateException("the output bytes were released");
            }
            return m;
        }

        /** Serialized as one in-memory array. */
        private Object writeReplace() {
            return new InMemory(toByteArray(), omitted);
        }

        @Override
        public String toString() {
            return "OutputBytes[" + size() + " bytes" + (omitted > 0 ? ", " + omitted + " omitted" : "") + "]";
        }
    }

    /** The serialized form of {@link Spooled}: its bytes in one array, read back as a spool without a file. */
    private record InMemory(byte[] bytes, long omitted) implements Serializable {
        private Object readResolve() {
            return new Spooled(bytes, bytes.length, null, 0, omitted);
        }
    }

    /** Closes a channel; holds no reference to the {@link Spooled} it cleans up after. */
    private record Closer(FileChannel file) implements Runnable {
        @Override
        public void run() {
            try {
                file.close();
            } catch (IOException ignored) {
                // the file is unlinked: closing is all there is to do
            }
        }
    }
}
