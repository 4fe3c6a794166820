package io.jconcurrent.internal.process;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.internal.output.HeadTailBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drains the stdout and stderr of a process started by the JDK's launcher from the moment it starts,
 * each on its own pooled platform thread (a pipe read blocks its carrier, so virtual threads would starve under many tasks), into a
 * {@link HeadTailBuffer} or a file. Draining both streams concurrently is what keeps a chatty child
 * from blocking on a full pipe.
 */
public final class OutputCapture implements OutputDrain {

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jconcurrent-output");
        t.setDaemon(true);
        return t;
    });

    /** One read buffer per reader thread (the data is copied out of it at once). */
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private final Stream out;
    private final Stream err;

    private OutputCapture(Stream out, Stream err) {
        this.out = out;
        this.err = err;
    }

    /** Where the task's streams go, opened before the process starts so a bad path fails early. */
    public static Sinks open(OutputPolicy policy, Object key) throws IOException {
        if (policy.directory() == null) {
            return new Sinks(new HeadTailBuffer(policy.limitBytes()), new HeadTailBuffer(policy.limitBytes()),
                    null, null);
        }
        Files.createDirectories(policy.directory());
        String base = String.valueOf(key).replace('/', '_').replace('\0', '_');
        OutputStream o = Files.newOutputStream(policy.directory().resolve(base + ".out"));
        OutputStream e;
        try {
            e = Files.newOutputStream(policy.directory().resolve(base + ".err"));
        } catch (IOException ex) {
            o.close();
            throw ex;
        }
        return new Sinks(null, null, o, e);
    }

    /** A task's two destinations: buffers, or files. */
    public record Sinks(HeadTailBuffer outBuffer, HeadTailBuffer errBuffer, OutputStream outFile, OutputStream errFile) {
        public void closeFiles() {
            closeQuietly(outFile);
            closeQuietly(errFile);
        }

        /** Writes a chunk of stdout (or stderr) to its buffer or file. */
        void write(boolean stdout, byte[] chunk, int length) throws IOException {
            HeadTailBuffer buffer = stdout ? outBuffer : errBuffer;
            if (buffer != null) {
                buffer.write(chunk, 0, length);
            } else {
                (stdout ? outFile : errFile).write(chunk, 0, length);
            }
        }

        /** The captured text of stdout (or stderr); empty when it went to a file. */
        String text(boolean stdout) {
            HeadTailBuffer buffer = stdout ? outBuffer : errBuffer;
            return buffer == null ? "" : buffer.text();
        }

        boolean truncated(boolean stdout) {
            HeadTailBuffer buffer = stdout ? outBuffer : errBuffer;
            return buffer != null && buffer.truncated();
        }
    }

    static OutputCapture start(Process p, Sinks sinks) {
        return new OutputCapture(
                new Stream(p.getInputStream(), sinks.outBuffer(), sinks.outFile()),
                new Stream(p.getErrorStream(), sinks.errBuffer(), sinks.errFile()));
    }

    @Override
    public boolean awaitDrained(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        return out.await(deadline) && err.await(deadline);
    }

    @Override
    public void abandon() {
        out.abandon();
        err.abandon();
    }

    @Override
    public String stdout() {
        return out.text();
    }

    @Override
    public String stderr() {
        return err.text();
    }

    @Override
    public boolean stdoutTruncated() {
        return out.truncated();
    }

    @Override
    public boolean stderrTruncated() {
        return err.truncated();
    }

    /** One stream's reader. */
    private static final class Stream {
        private final InputStream in;
        private final HeadTailBuffer buffer;
        private final OutputStream file;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Stream(InputStream in, HeadTailBuffer buffer, OutputStream file) {
            this.in = in;
            this.buffer = buffer;
            this.file = file;
            READERS.execute(this::drain);
        }

        private void drain() {
            byte[] chunk = READ_BUFFER.get(); // reused: 128 KiB of garbage per task otherwise
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    if (buffer != null) {
                        buffer.write(chunk, 0, n);
                    } else {
                        file.write(chunk, 0, n);
                    }
                }
                done.complete(null);
            } catch (IOException e) {
                done.complete(null); // stream closed under us: keep what we have
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            } finally {
                closeQuietly(file);
            }
        }

        boolean await(long deadlineNanos) throws InterruptedException {
            try {
                done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        }

        void abandon() {
            closeQuietly(in);
        }

        String text() {
            return buffer == null ? "" : buffer.text();
        }

        boolean truncated() {
            return buffer != null && buffer.truncated();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing useful to do: the data we have is kept
        }
    }
}
