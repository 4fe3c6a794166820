package io.jconcurrent.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * The CLI's real stdout, watched for a failed write: a reader that went away ({@code | head -1}: the
 * JVM ignores SIGPIPE, so the write fails with EPIPE) or a full disk. The first failure is reported
 * to {@code onFailure}, which stops the run; the exception still reaches the writer.
 */
final class StdoutGuard extends FilterOutputStream {

    private final Consumer<IOException> onFailure;
    private volatile boolean failed;

    StdoutGuard(OutputStream out, Consumer<IOException> onFailure) {
        super(out);
        this.onFailure = onFailure;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    private void fail(IOException e) {
        if (!failed) {
            failed = true;
            onFailure.accept(e);
        }
    }

    /** Whether the failure was a closed pipe (EPIPE), as the JDK reports it. */
    static boolean isBrokenPipe(IOException e) {
        return String.valueOf(e.getMessage()).contains("Broken pipe");
    }
}
