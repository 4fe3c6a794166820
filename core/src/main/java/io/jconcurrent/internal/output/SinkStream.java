package io.jconcurrent.internal.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link StreamSink} as the {@link OutputStream} a placement writes a task's output to. The built-in
 * command placement takes the sink back out of it, so its drains write to the sink directly.
 */
public final class SinkStream extends OutputStream {

    private final StreamSink sink;

    public SinkStream(StreamSink sink) {
        this.sink = sink;
    }

    /** The sink behind this stream. */
    public StreamSink sink() {
        return sink;
    }

    @Override
    public void write(int b) throws IOException {
        sink.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        sink.write(b, off, len);
    }

    /** As a sink: the stream's own sink, or one that writes to {@code out} (never closing it). */
    public static StreamSink sinkOf(OutputStream out) {
        if (out instanceof SinkStream s) {
            return s.sink;
        }
        return new StreamSink() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void finish() {
                // the stream is its owner's to close
            }
        };
    }
}
