package io.jconcurrent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads records from a stream, one at a time and only when asked (so an endless stdin works), split
 * on a delimiter byte: a newline by default, NUL with {@code -0}. Records are raw strings
 * ({@link RawText}), the delimiter removed and nothing else: a {@code \r} before a newline, bytes that
 * are not UTF-8 and NUL bytes in newline-separated input all stay. A last record without a delimiter
 * counts; an empty line is an empty record.
 */
final class RecordReader implements Iterator<String>, AutoCloseable {

    private final InputStream in;
    private final byte delimiter;
    private final String name;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private String next;

    /**
     * @param in        the stream, closed when it ends
     * @param delimiter the byte that ends a record
     * @param name      what it is, for errors ("stdin", a file name)
     */
    RecordReader(InputStream in, byte delimiter, String name) {
        this.in = in;
        this.delimiter = delimiter;
        this.name = name;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !eof) {
            next = read();
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String r = next;
        next = null;
        return r;
    }

    private String read() {
        byte[] record = null;
        int length = 0;
        while (true) {
            if (pos == limit) {
                if (!fill()) {
                    if (length == 0 && record == null) {
                        return null;
                    }
                    return RawText.of(record, 0, length);
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != delimiter) {
                pos++;
            }
            int n = pos - start;
            if (record == null && pos < limit) {
                pos++; // the whole record was in the buffer: no copy
                return RawText.of(buffer, start, n);
            }
            if (record == null) {
                record = new byte[Math.max(256, n * 2)];
            } else if (length + n > record.length) {
                record = Arrays.copyOf(record, Math.max(record.length * 2, length + n));
            }
            System.arraycopy(buffer, start, record, length, n);
            length += n;
            if (pos < limit) {
                pos++;
                return RawText.of(record, 0, length);
            }
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            if (n < 0) {
                eof = true;
                close();
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing more is read from it.
        }
    }
}
