package io.jconcurrent.internal.process;

import io.jconcurrent.OutputBytes;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.internal.output.ByteSpool;
import io.jconcurrent.internal.output.FileSink;
import io.jconcurrent.internal.output.HeadTailBuffer;
import io.jconcurrent.internal.output.SinkStream;
import io.jconcurrent.internal.output.StreamSink;
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
 * each on its own pooled platform thread (a pipe read blocks its carrier, so virtual threads would
 * starve under many tasks), into its {@link StreamSink}. Draining both streams concurrently is what keeps a chatty child
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
        return switch (policy) {
            case OutputPolicy.Capture c -> new Sinks(new HeadTailBuffer(c.limitBytes()),
                    new HeadTailBuffer(c.limitBytes()));
            case OutputPolicy.Bytes b -> new Sinks(new ByteSpool(b.limitBytes(), b.memoryBytes()),
                    new ByteSpool(b.limitBytes(), b.memoryBytes()));
            case OutputPolicy.ToFiles f -> {
                Files.createDirectories(f.directory());
                OutputStream o = Files.newOutputStream(f.stdoutFile(key));
                OutputStream e;
                try {
                    e = Files.newOutputStream(f.stderrFile(key));
                } catch (IOException ex) {
                    o.close();
                    throw ex;
                }
                yield new Sinks(new FileSink(o), new FileSink(e));
            }
        };
    }

    /** A task's two destinations. */
    public record Sinks(StreamSink out, StreamSink err) {
        /** Both streams have ended or were given up (files are closed). */
        public void closeFiles() {
            out.finish();
            err.finish();
        }

        /** Writes a chunk of stdout (or stderr). */
        void write(boolean stdout, byte[] chunk, int length) throws IOException {
            (stdout ? out : err).write(chunk, 0, length);
        }

        /** The captured text of stdout (or stderr); empty when it is not kept as text. */
        public String text(boolean stdout) {
            return (stdout ? out : err).text();
        }

        public boolean truncated(boolean stdout) {
            return (stdout ? out : err).truncated();
        }

        /** The exact bytes of stdout (or stderr); empty when they are not kept as bytes. */
        public OutputBytes bytes(boolean stdout) {
            return (stdout ? out : err).bytes();
        }

        /** Stdout (or stderr) as a stream to write to. */
        public OutputStream stream(boolean stdout) {
            return new SinkStream(stdout ? out : err);
        }
    }

    static OutputCapture start(Process p, Sinks sinks) {
        return new OutputCapture(new Stream(p.getInputStream(), sinks.out()), new Stream(p.getErrorStream(),
                sinks.err()));
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

    @Override
    public OutputBytes stdoutBytes() {
        return out.sink.bytes();
    }

    @Override
    public OutputBytes stderrBytes() {
        return err.sink.bytes();
    }

    /** One stream's reader. */
    private static final class Stream {
        private final InputStream in;
        private final StreamSink sink;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Stream(InputStream in, StreamSink sink) {
            this.in = in;
            this.sink = sink;
            READERS.execute(this::drain);
        }

        private void drain() {
            byte[] chunk = READ_BUFFER.get(); // reused: 128 KiB of garbage per task otherwise
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    sink.write(chunk, 0, n);
                }
                done.complete(null);
            } catch (IOException e) {
                done.complete(null); // stream closed under us: keep what we have
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            } finally {
                sink.finish();
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

        public String text() {
            return sink.text();
        }

        public boolean truncated() {
            return sink.truncated();
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
