package io.jconcurrent.cli;

import io.jconcurrent.OutputPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code --line-buffer} and {@code --ungroup}: each task's output printed while it runs, as GNU parallel
 * prints it: whole lines as they come ({@code --line-buffer}, so two tasks' lines never mix within a
 * line), or any bytes as they come ({@code --ungroup}). Tasks write their output to files in a private
 * directory ({@link OutputPolicy#toFiles}); a watcher thread reads what is new in each running task's
 * files every few milliseconds, and a task's rest is printed when it ends, and its files deleted then.
 *
 * <p>With {@code -k} ({@code --line-buffer} only), as parallel: the lines of the first task are printed
 * while it runs, then the second's (what it has written so far at once, then as it comes), and so on;
 * later tasks' output waits in their files meanwhile, not in memory.
 */
final class LiveOutput implements ResultSink, AutoCloseable {

    private static final long POLL_MILLIS = 10;

    private final Console console;
    private final boolean wholeLines;
    private final TagTemplate tag;
    private final Path directory;
    private final OutputPolicy.ToFiles policy;
    private final Map<Job, Watched> running = new ConcurrentHashMap<>();
    private final boolean keepOrder;
    /** With -k: running tasks by start order, ended ones waiting for their turn, and whose turn it is. */
    private final Map<Long, Watched> runningByOrder = new ConcurrentHashMap<>();
    private final java.util.TreeMap<Long, Ended> ended = new java.util.TreeMap<>();
    private final java.util.concurrent.locks.ReentrantLock turns = new java.util.concurrent.locks.ReentrantLock();
    private volatile long head;
    private final Thread watcher;
    private volatile boolean closed;

    /** One stream of one task: how far it has been read, and a line begun but not ended. */
    private static final class Stream {
        final Path file;
        long position;
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        boolean lineStart = true;

        Stream(Path file) {
            this.file = file;
        }
    }

    private record Watched(Stream out, Stream err, byte[] prefix) {
    }

    /** A task that ended before its turn (-k): its files, and the note to print after its output. */
    private record Ended(Watched watched, String note) {
    }

    /**
     * @param wholeLines true for {@code --line-buffer}, false for {@code --ungroup}
     * @param tag        what starts each line ({@code --tag}), or null
     * @param tmpdir     where the private directory for the output files is made
     * @param keepOrder  -k: one task's output at a time, in start order
     */
    LiveOutput(Console console, boolean wholeLines, TagTemplate tag, Path tmpdir, boolean keepOrder) {
        this.console = console;
        this.keepOrder = keepOrder;
        this.wholeLines = wholeLines;
        this.tag = tag;
        try {
            this.directory = Files.createTempDirectory(tmpdir, "jconcurrent-output-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for live output in " + tmpdir + ": "
                    + e.getMessage(), e);
        }
        this.policy = new OutputPolicy.ToFiles(directory);
        this.watcher = Thread.ofPlatform().daemon().name("jconcurrent-live-output").start(this::watch);
    }

    /** The output policy the run must use: the tasks' output goes to this watcher's files. */
    OutputPolicy policy() {
        return policy;
    }

    /** Starts watching a run's output (called as it starts). */
    void started(Job a) {
        byte[] prefix = tag == null ? new byte[0] : RawText.bytes(tag.tag(a.args()) + "\t");
        Watched w = new Watched(new Stream(policy.stdoutFile(a)), new Stream(policy.stderrFile(a)), prefix);
        running.put(a, w);
        if (keepOrder) {
            runningByOrder.put(a.order(), w); // a retry takes its task's place
        }
    }

    private void watch() {
        while (!closed) {
            if (keepOrder) {
                Watched w = runningByOrder.get(head);
                if (w != null) {
                    synchronized (w) {
                        drain(w, false);
                    }
                }
            } else {
                for (Watched w : running.values()) {
                    synchronized (w) {
                        drain(w, false);
                    }
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void accept(Finished f) {
        Watched w = running.remove(f.job());
        if (w == null) {
            return;
        }
        String note = GroupedOutput.note(f);
        if (!keepOrder) {
            printRest(new Ended(w, note));
            return;
        }
        turns.lock();
        try {
            runningByOrder.remove(f.job().order(), w);
            ended.put(f.job().order(), new Ended(w, note));
            while (ended.containsKey(head)) {
                printRest(ended.remove(head));
                head++;
            }
        } finally {
            turns.unlock();
        }
    }

    /** Prints what a task has not printed yet, and its note; deletes its files. */
    private void printRest(Ended e) {
        Watched w = e.watched();
        synchronized (w) {
            drain(w, true);
        }
        delete(w.out().file);
        delete(w.err().file);
        if (e.note() != null) {
            console.write(() -> console.err.println(e.note()));
        }
    }

    /** Prints what is new in a task's files; at its end, also a last line without a newline. */
    private void drain(Watched w, boolean end) {
        byte[] out = read(w.out(), w.prefix(), end);
        byte[] err = read(w.err(), w.prefix(), end);
        if (out.length > 0 || err.length > 0) {
            console.write(() -> {
                write(console.out, out);
                console.out.flush();
                write(console.err, err);
            });
        }
    }

    private byte[] read(Stream s, byte[] prefix, boolean end) {
        ByteArrayOutputStream fresh = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(s.file)) {
            in.skipNBytes(s.position);
            byte[] buf = in.readAllBytes();
            s.position += buf.length;
            fresh.write(buf, 0, buf.length);
        } catch (NoSuchFileException e) {
            // not made yet, or already gone
        } catch (IOException e) {
            throw new UncheckedIOException("reading a task's output failed: " + e.getMessage(), e);
        }
        byte[] bytes = fresh.toByteArray();
        ByteArrayOutputStream ready = new ByteArrayOutputStream(bytes.length + 64);
        if (!wholeLines) {
            appendTagged(bytes, 0, bytes.length, s, prefix, ready);
            return ready.toByteArray();
        }
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < 0 && !end) {
            s.partial.write(bytes, 0, bytes.length);
            return new byte[0];
        }
        int upTo = end ? bytes.length : lastNewline + 1;
        byte[] begun = s.partial.toByteArray();
        s.partial.reset();
        appendTagged(begun, 0, begun.length, s, prefix, ready);
        appendTagged(bytes, 0, upTo, s, prefix, ready);
        s.partial.write(bytes, upTo, bytes.length - upTo);
        return ready.toByteArray();
    }

    private static void appendTagged(byte[] b, int from, int to, Stream s, byte[] prefix, ByteArrayOutputStream out) {
        for (int i = from; i < to; i++) {
            if (s.lineStart && prefix.length > 0) {
                out.write(prefix, 0, prefix.length);
            }
            s.lineStart = false;
            out.write(b[i]);
            if (b[i] == '\n') {
                s.lineStart = true;
            }
        }
    }

    private static void write(PrintStream s, byte[] b) {
        s.write(b, 0, b.length);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // in a private temporary directory, removed at the end anyway
        }
    }

    @Override
    public void finish() {
        turns.lock();
        try {
            // Tasks whose turn never came (one before them never started): in order, now.
            while (!ended.isEmpty()) {
                printRest(ended.pollFirstEntry().getValue());
            }
        } finally {
            turns.unlock();
        }
        close();
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        try {
            watcher.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Watched w : running.values()) {
            delete(w.out().file);
            delete(w.err().file);
        }
        try (var left = Files.list(directory)) {
            left.forEach(LiveOutput::delete);
        } catch (IOException e) {
            // nothing more to do
        }
        delete(directory);
    }
}
