package io.jconcurrent.internal.worker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The parent's side of one worker JVM: its process, the frame channel to it, a reader thread that
 * routes the worker's frames (output into the running task's sinks, the result to the waiting task)
 * and a second one that drains the JVM's real stderr. When the channel closes, for whatever reason,
 * the reader waits for the process, kills anything left in its session, and turns the exit into a
 * cause for the task that was running.
 *
 * <p>One task at a time: {@link #run} is called only by the task that leased this worker.
 */
final class WorkerProcess {

    /** How long a worker JVM may take to start and load the function. */
    static final long START_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long DRAIN_MILLIS = 500;
    private static final int BOOT_LOG_LIMIT = 4096;

    private final Process process;
    private final Frames.Writer toWorker;
    private final WorkerJvms.ProcessControl control;
    private final ClassLoader loader;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final ByteArrayOutputStream bootLog = new ByteArrayOutputStream();
    private volatile Pending current;
    private volatile boolean shutdownSeen;
    private volatile boolean closing;

    /** What a worker said about one task, or how it died while running it. */
    record Reply(byte kind, Object value, boolean retiring, String crash) {
        static Reply crashed(String cause) {
            return new Reply((byte) -1, null, true, cause);
        }

        boolean isCrash() {
            return crash != null;
        }
    }

    /** The task being run and where its output goes. */
    private record Pending(long taskId, Object key, OutputStream out, OutputStream err,
                           CompletableFuture<Reply> reply) {
    }

    private WorkerProcess(Process process, WorkerJvms.ProcessControl control, ClassLoader loader) {
        this.process = process;
        this.control = control;
        this.loader = loader;
        this.toWorker = new Frames.Writer(process.getOutputStream());
    }

    /** Starts a worker JVM and sends it the function; {@link #awaitReady} says when it can take tasks. */
    static WorkerProcess start(List<String> command, byte[] init, WorkerJvms.ProcessControl control,
            ClassLoader loader) throws IOException {
        control.beforeStart();
        Process p = new ProcessBuilder(command).start();
        control.started(p);
        WorkerProcess w = new WorkerProcess(p, control, loader);
        Thread.ofPlatform().daemon().name("jconcurrent-worker-" + p.pid()).start(w::readLoop);
        Thread.ofPlatform().daemon().name("jconcurrent-worker-err-" + p.pid()).start(w::stderrLoop);
        try {
            w.toWorker.send(Frames.INIT, init);
        } catch (IOException e) {
            // It died at once; the reader reports why through awaitReady.
        }
        return w;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return !gone.isDone();
    }

    /**
     * Waits until the worker has loaded the function.
     *
     * @throws WorkerStartException if it exited or did not get ready in time (it is then killed)
     */
    void awaitReady() throws InterruptedException, WorkerStartException {
        try {
            ready.get(START_LIMIT_NANOS, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw (WorkerStartException) e.getCause();
        } catch (TimeoutException e) {
            kill();
            throw new WorkerStartException("the worker JVM did not get ready within "
                    + TimeUnit.NANOSECONDS.toSeconds(START_LIMIT_NANOS) + " s");
        }
    }

    /**
     * Sends one task and waits for its reply, at most {@code timeoutNanos} (0 = no limit).
     *
     * @return the reply (possibly a crash), or null if the time ran out; the worker then still runs
     *         the task, and the caller kills it
     */
    Reply run(long taskId, Object key, byte[] payload, OutputStream out, OutputStream err, long timeoutNanos)
            throws InterruptedException {
        Pending p = new Pending(taskId, key, out, err, new CompletableFuture<>());
        current = p;
        if (gone.isDone()) {
            current = null;
            return Reply.crashed("the worker JVM had exited before task " + key + " was sent");
        }
        try {
            toWorker.send(Frames.RUN, Frames.longBytes(taskId), payload, 0, payload.length);
        } catch (IOException e) {
            // The worker died; the reader completes the reply with the reason.
        }
        try {
            Reply r = timeoutNanos <= 0 ? p.reply().get() : p.reply().get(timeoutNanos, TimeUnit.NANOSECONDS);
            current = null;
            return r;
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("worker reply failed", e.getCause());
        }
    }

    /** Kills the worker's whole tree now and waits, briefly, until its last output has been routed. */
    void kill() {
        control.killTree(process, WorkerCommand.ownSession());
        awaitGone(DRAIN_MILLIS * 2);
    }

    /** Lets the worker end by itself: it sees end of input, kills what its tasks left, and exits. */
    void closeInput() {
        closing = true;
        try {
            toWorker.send(Frames.STOP, new byte[0]);
        } catch (IOException e) {
            // already gone
        }
        try {
            toWorker.close();
        } catch (IOException e) {
            // already gone
        }
    }

    void awaitExitOrKill(long millis) {
        if (!awaitGone(millis)) {
            kill();
        }
    }

    private boolean awaitGone(long millis) {
        try {
            gone.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void readLoop() {
        String failure = null;
        try {
            DataInputStream in = Frames.input(process.getInputStream());
            while (true) {
                Frames.Frame f = Frames.read(in);
                if (f == null) {
                    break;
                }
                route(f);
            }
        } catch (IOException | RuntimeException e) {
            failure = "the worker channel failed: " + e;
        } finally {
            channelClosed(failure);
        }
    }

    private void route(Frames.Frame f) throws IOException {
        byte[] b = f.payload();
        switch (f.type()) {
            case Frames.READY -> ready.complete(null);
            case Frames.INIT_FAILED -> ready.completeExceptionally(
                    new WorkerStartException(new String(b, StandardCharsets.UTF_8)));
            case Frames.STDOUT -> write(current, false, b, 0, b.length);
            case Frames.STDERR -> write(current, true, b, 0, b.length);
            case Frames.SHUTDOWN -> shutdownSeen = true;
            case Frames.RESULT -> {
                long id = Frames.readLong(b, 0);
                Pending p = current;
                if (p != null && p.taskId() == id) {
                    p.reply().complete(decode(b));
                }
            }
            default -> throw new IOException("unknown frame type " + f.type());
        }
    }

    private Reply decode(byte[] b) {
        byte kind = b[8];
        boolean retiring = b[9] != 0;
        try {
            return new Reply(kind, Values.decode(b, 10, b.length - 10, 1, loader)[0], retiring, null);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return new Reply(Frames.FAILED, "the task's result cannot be read in the parent JVM: " + e, retiring, null);
        }
    }

    private static void write(Pending p, boolean err, byte[] b, int off, int len) {
        if (p == null) {
            return; // written between tasks (a thread the last task left running): nobody to give it to
        }
        try {
            (err ? p.err() : p.out()).write(b, off, len);
        } catch (IOException e) {
            // an output file failed; the task's other facts still stand
        }
    }

    private void stderrLoop() {
        byte[] buf = new byte[8192];
        try (InputStream es = process.getErrorStream()) {
            int n;
            while ((n = es.read(buf)) > 0) {
                Pending p = current;
                if (p != null) {
                    write(p, true, buf, 0, n);
                } else {
                    synchronized (bootLog) {
                        if (bootLog.size() < BOOT_LOG_LIMIT) {
                            bootLog.write(buf, 0, Math.min(n, BOOT_LOG_LIMIT - bootLog.size()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // closed under us
        } finally {
            stderrDone.complete(null);
        }
    }

    /** The channel is closed: make sure the process and its session are gone, then say why. */
    private void channelClosed(String failure) {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                control.killTree(process, WorkerCommand.ownSession());
            }
        } catch (InterruptedException e) {
            control.killTree(process, WorkerCommand.ownSession());
        }
        // Whatever its tasks left in its session goes too (one /proc scan: the worker is gone, so there
        // are no descendants to find, only session members).
        if (WorkerCommand.ownSession()) {
            SessionCleanup.killSession(process.pid());
        }
        try {
            stderrDone.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // keep what we have
        }
        control.ended(process);
        String cause = describeExit(process.exitValue()) + (failure != null ? " (" + failure + ")" : "");
        String log;
        synchronized (bootLog) {
            log = bootLog.toString(StandardCharsets.UTF_8).strip();
        }
        ready.completeExceptionally(new WorkerStartException("the worker JVM exited before it was ready: " + cause
                + (log.isEmpty() ? "" : ": " + log)));
        Pending p = current;
        if (p != null) {
            p.reply().complete(Reply.crashed(cause + " while running task " + p.key()));
        }
        gone.complete(null);
    }

    private String describeExit(int status) {
        if (status > 128 && status <= 128 + 64) {
            int signal = status - 128;
            return "the worker JVM was killed by signal " + signal + signalName(signal)
                    + " (exit status " + status + ")";
        }
        if (shutdownSeen) {
            return "the worker JVM exited with status " + status + " (System.exit)";
        }
        return "the worker JVM halted with status " + status + " (Runtime.halt, or a fatal error in the JVM)";
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
