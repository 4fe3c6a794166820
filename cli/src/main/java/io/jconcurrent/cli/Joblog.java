package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --joblog FILE}: one tab-separated row per finished task, written and flushed the moment the
 * task ends, under a header line with GNU parallel's columns ({@code Seq Host Starttime JobRuntime Send
 * Receive Exitval Signal Command}), so tools that read parallel's joblogs read this one. When tasks come
 * with their own keys ({@code --tasks}), a last column {@code Key} holds each task's key, which is what
 * {@code --resume} matches on.
 *
 * <p>A task that a timeout or a signal stopped has Exitval -1 and the signal's number, as in parallel.
 * Tasks that jconcurrent cancelled (Ctrl-C, SIGTERM, {@code --halt now}) get no row, so a resumed run
 * runs them again. Tabs and newlines in a command are written as {@code \t} and {@code \n}.
 */
final class Joblog implements ResultSink, AutoCloseable {

    static final String[] COLUMNS = {"Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive", "Exitval",
        "Signal", "Command"};
    static final String KEY_COLUMN = "Key";

    private final Writer writer;
    private final boolean keyColumn;
    private final ReentrantLock lock = new ReentrantLock();

    private Joblog(Writer writer, boolean keyColumn) {
        this.writer = writer;
        this.keyColumn = keyColumn;
    }

    /**
     * Opens the joblog: a new file (or an existing one emptied) with a header, or, when
     * {@code append}, an existing one added to (with a header only if it is empty).
     *
     * @param keyColumn whether rows carry the task's key in a last {@code Key} column
     * @throws UsageException if the file cannot be written
     */
    static Joblog open(Path path, boolean append, boolean keyColumn) throws UsageException {
        try {
            boolean empty = !Files.exists(path) || Files.size(path) == 0;
            BufferedWriter w = append
                    ? Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            Joblog log = new Joblog(w, keyColumn);
            if (!append || empty) {
                w.write(String.join("\t", COLUMNS) + (keyColumn ? "\t" + KEY_COLUMN : "") + "\n");
                w.flush();
            }
            return log;
        } catch (IOException e) {
            throw new UsageException("cannot write joblog " + path + ": " + TaskSources.reason(e), e);
        }
    }

    @Override
    public void accept(Finished f) {
        if (f.result().status() == Status.CANCELLED) {
            return;
        }
        String row = row(f);
        lock.lock();
        try {
            writer.write(row);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the joblog failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private String row(Finished f) {
        ProcResult r = f.result();
        int exitval = r.returnCode();
        int signal = 0;
        if ((r.status() == Status.TIMED_OUT || r.status() == Status.CANCELLED) && exitval > 128) {
            signal = exitval - 128;
            exitval = -1;
        }
        long received = r.stdout().getBytes(StandardCharsets.UTF_8).length;
        StringBuilder sb = new StringBuilder(128);
        sb.append(f.input().seq()).append('\t')
                .append(f.host()).append('\t')
                .append(String.format(Locale.ROOT, "%.3f", r.timeStart().toEpochMilli() / 1000.0)).append('\t')
                .append(String.format(Locale.ROOT, "%10.3f", r.timeRun().toNanos() / 1e9)).append('\t')
                .append(0).append('\t')
                .append(received).append('\t')
                .append(exitval).append('\t')
                .append(signal).append('\t')
                .append(escape(f.command()));
        if (keyColumn) {
            sb.append('\t').append(escape(String.valueOf(f.input().key())));
        }
        return sb.append('\n').toString();
    }

    /** A value as it is written in a row: tabs, newlines and backslashes escaped. */
    static String escape(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void close() {
        lock.lock();
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the joblog failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
