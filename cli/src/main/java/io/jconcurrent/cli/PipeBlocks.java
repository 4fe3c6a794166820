package io.jconcurrent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --pipe}: cuts a stream into blocks, each one task's stdin, as GNU parallel does: about
 * {@code --block} bytes each, cut after the last record end (a newline) in the block, or, with
 * {@code -N n}, exactly {@code n} records each. A record longer than a block makes blocks larger.
 *
 * <p>Each block is copied to an owner-only temporary file through a small buffer, and the task reads
 * it from there; the next block is cut only when a worker asks for the next task. So a stream of any
 * size passes in memory that does not grow with it, and on disk at most about one block per running
 * task plus one. A block's file is deleted when its task has its final result ({@link #release}), and
 * any left when jconcurrent exits are deleted then.
 */
final class PipeBlocks implements Iterator<TaskInput> {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(PipeBlocks::deleteQuietly),
                "jconcurrent-pipe-cleanup"));
    }

    private final InputStream in;
    private long blockSize;
    private final java.util.function.Consumer<String> warnings;
    private final int records;
    private final byte recordEnd;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long seq;
    private final Path directory;

    /**
     * @param in        the stream (stdin)
     * @param blockSize about how many bytes a block has (ignored when {@code records} is set)
     * @param records   records per block ({@code -N}), or 0 to cut by size
     * @param recordEnd the byte that ends a record
     * @param directory where the blocks' files go
     * @param warnings  takes a warning (a grown block size) for stderr
     */
    PipeBlocks(InputStream in, long blockSize, int records, byte recordEnd, Path directory,
            java.util.function.Consumer<String> warnings) {
        this.directory = directory;
        this.warnings = warnings;
        this.in = in;
        this.blockSize = Math.max(1, blockSize);
        this.records = records;
        this.recordEnd = recordEnd;
    }

    @Override
    public boolean hasNext() {
        return pos < limit || (!eof && fill());
    }

    @Override
    public TaskInput next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        seq++;
        Path file;
        try {
            file = Files.createTempFile(directory, "jconcurrent-block-", ".bin",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            LIVE.add(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                if (records > 0) {
                    copyRecords(out);
                } else {
                    copyBlock(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cutting stdin into blocks failed: " + e.getMessage(), e);
        }
        return new TaskInput(seq, seq, null, List.of(List.of()), file);
    }

    /** Copies {@code records} records (or what is left). */
    private void copyRecords(OutputStream out) throws IOException {
        int left = records;
        while (left > 0 && hasNext()) {
            int start = pos;
            while (pos < limit && buffer[pos] != recordEnd) {
                pos++;
            }
            if (pos < limit) {
                pos++;
                left--;
            }
            out.write(buffer, start, pos - start);
        }
    }

    /**
     * Copies about {@code blockSize} bytes, up to the last record end among them. As in parallel, when
     * there is none (a record longer than the block), the block size grows by 30% (plus 1), for this block
     * and the ones after it, until the record fits, and a warning says so.
     */
    private void copyBlock(OutputStream out) throws IOException {
        long copied = 0;
        boolean recordEnded = false; // whether the bytes copied so far hold a record end
        // Whole buffers while the block is not full; then up to the last record end within it.
        while (hasNext()) {
            int n = limit - pos;
            if (copied + n < blockSize) {
                recordEnded |= firstRecordEnd(pos, limit) >= 0;
                out.write(buffer, pos, n);
                copied += n;
                pos = limit;
                continue;
            }
            int want = (int) Math.max(0, blockSize - copied);
            int cut = -1;
            for (int i = pos + Math.min(want, n) - 1; i >= pos; i--) {
                if (buffer[i] == recordEnd) {
                    cut = i + 1;
                    break;
                }
            }
            if (cut < 0 && !recordEnded) {
                long larger = (long) Math.ceil(blockSize * 1.3 + 1);
                warnings.accept("a record was longer than " + blockSize + " bytes; --block is now " + larger
                        + ", as in GNU parallel");
                blockSize = larger;
                continue;
            }
            if (cut < 0) {
                // A record end before this buffer (a record longer than the buffer crosses the block's
                // end): the block ends with that record, at the first record end, as it comes.
                cut = firstRecordEnd(pos, limit);
                if (cut >= 0) {
                    cut++;
                }
            }
            if (cut < 0) {
                out.write(buffer, pos, n);
                copied += n;
                pos = limit;
                continue;
            }
            out.write(buffer, pos, cut - pos);
            pos = cut;
            return;
        }
    }

    /** The index of the first record end in {@code buffer[from, to)}, or -1. */
    private int firstRecordEnd(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == recordEnd) {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading stdin failed: " + e.getMessage(), e);
        }
    }

    /** Deletes a block's file once its task is done with it. */
    static void release(Path file) {
        if (file != null) {
            deleteQuietly(file);
            LIVE.remove(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system's cleaning removes it in the end
        }
    }
}
