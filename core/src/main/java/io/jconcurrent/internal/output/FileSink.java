package io.jconcurrent.internal.output;

import java.io.IOException;
import java.io.OutputStream;

/** A stream of output written to a file ({@link io.jconcurrent.OutputPolicy.ToFiles}); nothing is kept in memory. */
public final class FileSink implements StreamSink {

    private final OutputStream file;

    public FileSink(OutputStream file) {
        this.file = file;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
    }

    @Override
    public void finish() {
        try {
            file.close();
        } catch (IOException ignored) {
            // what was written is in the file; nothing more to do
        }
    }
}
