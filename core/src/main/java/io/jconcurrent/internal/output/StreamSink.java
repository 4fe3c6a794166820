package io.jconcurrent.internal.output;

import io.jconcurrent.OutputBytes;
import java.io.IOException;

/**
 * Where one stream of a running task's output goes, as the batch's {@link io.jconcurrent.OutputPolicy}
 * says: text in memory ({@link HeadTailBuffer}), exact bytes in bounded memory ({@link ByteSpool}), or a
 * file ({@link FileSink}). One thread writes while the task runs; the task's thread reads the kept
 * output once the stream has ended.
 */
public interface StreamSink {

    /** Takes the next bytes of the stream. */
    void write(byte[] b, int off, int len) throws IOException;

    /** The stream has ended, or was given up: nothing more is written (a file is closed). */
    void finish();

    /** The kept output as text; empty if this sink keeps no text. */
    public default String text() {
        return "";
    }

    /** Whether bytes were dropped. */
    public default boolean truncated() {
        return false;
    }

    /** The kept output as exact bytes; empty if this sink keeps none. */
    public default OutputBytes bytes() {
        return OutputBytes.empty();
    }
}
