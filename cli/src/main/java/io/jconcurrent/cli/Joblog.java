package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * <p>As in parallel: a task killed by a signal has Exitval 0 and the signal's number; one that a
 * timeout stopped has Exitval -1 and the signal it was stopped with; the Command is the argv with each
 * word shell-quoted (as parallel's {@code -q}), bytes as they are, a newline written as NUL so that a
 * row stays one line. Tasks that jconcurrent cancelled (Ctrl-C, SIGTERM, SIGHUP, a closed stdout,
 * {@code --halt now}) get no row, so a resumed run runs them again. In the Key column, tabs, newlines
 * and backslashes are written as {@code \t}, {@code \n} and {@code \\}.
 */
final class Joblog implements ResultSink, AutoCloseable {

    static final String[] COLUMNS = {"Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive", "Exitval",
        "Signal", "Command"};
    static final String KEY_COLUMN = "Key";

    private final OutputStream file;
    private final boolean keyColumn;
    private final ReentrantLock lock = new ReentrantLock();

    private Joblog(OutputStream file, boolean keyColumn) {
        this.file = file;
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
            OutputStream out = new BufferedOutputStream(append
                    ? Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(path));
            Joblog log = new Joblog(out, keyColumn);
            if (!append || empty) {
                out.write((String.join("\t", COLUMNS) + (keyColumn ? "\t" + KEY_COLUMN : "") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
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
        byte[] row = row(f);
        lock.lock();
        try {
            file.write(row);
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the joblog failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private byte[] row(Finished f) {
        ProcResult r = f.result();
        int exitval = exitval(r);
        String head = f.input().seq() + "\t" + f.host() + "\t"
                + String.format(Locale.ROOT, "%.3f", r.timeStart().toEpochMilli() / 1000.0) + '\t'
                + String.format(Locale.ROOT, "%10.3f", r.timeRun().toNanos() / 1e9) + '\t' + f.input().sent() + '\t'
                + received(r) + '\t' + exitval + '\t' + r.signal() + '\t';
        ByteArrayOutputStream row = new ByteArrayOutputStream(128);
        row.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        byte[] command = f.commandLine();
        for (int i = 0; i < command.length; i++) {
            if (command[i] == '\n') {
                command[i] = 0; // as parallel: one row, one line
            }
        }
        row.writeBytes(command);
        if (keyColumn) {
            row.write('\t');
            row.writeBytes(escape(String.valueOf(f.input().key())).getBytes(StandardCharsets.UTF_8));
        }
        row.write('\n');
        return row.toByteArray();
    }

    /**
     * The Receive column: the bytes the task wrote to stdout, all of them, also those a limit cut (kept
     * as bytes; on a cluster member, as text, whose UTF-8 length is all there is to count).
     */
    static long received(ProcResult r) {
        if (r.stdoutBytes().size() > 0 || r.stdoutBytes().omitted() > 0 || r.stdout().isEmpty()) {
            return r.stdoutBytes().size() + r.stdoutBytes().omitted();
        }
        return r.stdout().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The Exitval column, as parallel: -1 for a task a timeout stopped, 0 for one a signal killed
     * (the Signal column has it), else the exit status.
     */
    static int exitval(ProcResult r) {
        if (r.status() == Status.TIMED_OUT) {
            return -1;
        }
        return r.signal() > 0 ? 0 : r.returnCode();
    }

    /** A value as it is written in the Key column: tabs, newlines and backslashes escaped. */
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
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the joblog failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
