package io.jconcurrent.internal.worker;

import io.jconcurrent.internal.process.ProcessTree;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The parent's side of one worker JVM: its process and the frame channel to it. The thread that uses
 * the worker reads its frames itself (the task's thread during a task, the starting thread until it
 * is ready), so a reply wakes that thread directly instead of passing through a reader thread and a
 * scheduler; on a small machine that halves the CPU a task costs. A deadline or a stop request kills
 * the worker, which ends the read. A second thread drains the JVM's real stderr, and the JDK's own
 * exit watcher notices a worker that dies while idle.
 *
 * <p>One user at a time: whoever leased the worker from the pool.
 */
final class WorkerProcess {

    /** How long a worker JVM may take to start and load the function. */
    static final long START_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long DRAIN_MILLIS = 500;
    private static final int BOOT_LOG_LIMIT = 4096;
    /** Fires deadlines; each kill then runs on a virtual thread of its own. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jconcurrent-worker-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final Process process;
    private final Frames.Writer toWorker;
    private final DataInputStream fromWorker;
    private final ProcessControl control;
    private final ClassLoader loader;
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final ByteArrayOutputStream bootLog = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<String> death = new CompletableFuture<>();
    private volatile Pending current;
    private volatile boolean shutdownSeen;

    /** What a worker said about one task, or how it ended while running it. */
    record Reply(byte kind, Object value, boolean retiring, String crash) {
        static final byte TIMED_OUT = -2;
        static final byte STOPPED = -3;

        static Reply crashed(String cause) {
            return new Reply((byte) -1, null, true, cause);
        }

        boolean isCrash() {
            return crash != null;
        }
    }

    /** The task being run, where its output goes, and whether it was killed at its deadline or by a stop. */
    private record Pending(long taskId, Object key, OutputStream out, OutputStream err, AtomicBoolean late,
                           AtomicBoolean stopped) {
    }

    private WorkerProcess(Process process, ProcessControl control, ClassLoader loader) {
        this.process = process;
        this.control = control;
        this.loader = loader;
        this.toWorker = new Frames.Writer(process.getOutputStream());
        this.fromWorker = Frames.input(process.getInputStream());
    }

    /** Starts a worker JVM and sends it the function; {@link #awaitReady} says when it can take tasks. */
    static WorkerProcess start(List<String> command, byte[] init, ProcessControl control,
            ClassLoader loader) throws IOException {
        control.beforeStart();
        Process p = new ProcessBuilder(command).start();
        control.started(p);
        WorkerProcess w = new WorkerProcess(p, control, loader);
        Thread.ofPlatform().daemon().name("jconcurrent-worker-err-" + p.pid()).start(w::stderrLoop);
        try {
            w.toWorker.send(Frames.INIT, init);
        } catch (IOException e) {
            // It died at once; awaitReady reads the end of its output and says why.
        }
        return w;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return !finished.get() && process.isAlive();
    }

    /**
     * Reads until the worker has loaded the function.
     *
     * @param onStop where to register what a stop request does (kill this worker)
     * @throws WorkerStartException if it exited or did not get ready in time (it is then killed)
     * @throws InterruptedException if a stop was requested meanwhile (it is then killed)
     */
    void awaitReady(Consumer<Runnable> onStop) throws InterruptedException, WorkerStartException {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean late = new AtomicBoolean();
        onStop.accept(() -> {
            stopped.set(true);
            killSoon();
        });
        ScheduledFuture<?> limit = TIMER.schedule(() -> {
            late.set(true);
            killSoon();
        }, START_LIMIT_NANOS, TimeUnit.NANOSECONDS);
        try {
            while (true) {
                Frames.Frame f = readFrame();
                if (f == null) {
                    String cause = finish(null);
                    if (stopped.get()) {
                        throw new InterruptedException("stopped while its worker JVM started");
                    }
                    if (late.get()) {
                        throw new WorkerStartException("the worker JVM did not get ready within "
                                + TimeUnit.NANOSECONDS.toSeconds(START_LIMIT_NANOS) + " s");
                    }
                    String log = bootLogText();
                    throw new WorkerStartException("the worker JVM exited before it was ready: " + cause
                            + (log.isEmpty() ? "" : ": " + log));
                }
                if (f.type() == Frames.READY) {
                    return;
                }
                if (f.type() == Frames.INIT_FAILED) {
                    kill();
                    finish(null);
                    throw new WorkerStartException(new String(f.payload(), StandardCharsets.UTF_8));
                }
                // Output before READY (a static initializer printing) has no task to go to.
            }
        } finally {
            limit.cancel(false);
            onStop.accept(null);
        }
    }

    /**
     * Sends one task; {@link #awaitReply} reads its output and result. Output goes to {@code out} and
     * {@code err} as it arrives.
     */
    void send(long taskId, Object key, byte[] payload, OutputStream out, OutputStream err) {
        Pending p = new Pending(taskId, key, out, err, new AtomicBoolean(), new AtomicBoolean());
        current = p;
        try {
            toWorker.send(Frames.RUN, Frames.longBytes(taskId), payload, 0, payload.length);
        } catch (IOException e) {
            // The worker is gone; awaitReply sees the end of its output.
        }
    }

    /**
     * Reads the worker's frames until the result of the task {@link #send} sent, routing its output.
     * The worker is killed at {@code untilNanos} ({@link Long#MAX_VALUE}: never), or when the action
     * registered through {@code onStop} runs: a pipe read cannot be woken any other way.
     *
     * @param onStop where to register what a stop request does (kill this worker)
     * @return the reply; {@link Reply#TIMED_OUT} if the worker was killed at {@code untilNanos},
     *         {@link Reply#STOPPED} if it was killed by the stop action, or a crash
     */
    Reply awaitReply(long untilNanos, Consumer<Runnable> onStop) {
        Pending p = current;
        onStop.accept(() -> {
            p.stopped().set(true);
            killSoon();
        });
        ScheduledFuture<?> deadline = untilNanos == Long.MAX_VALUE ? null : TIMER.schedule(() -> {
            p.late().set(true);
            killSoon();
        }, Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            while (true) {
                Frames.Frame f = readFrame();
                if (f == null) {
                    String cause = finish(p);
                    if (p.late().get()) {
                        return new Reply(Reply.TIMED_OUT, null, true, null);
                    }
                    if (p.stopped().get()) {
                        return new Reply(Reply.STOPPED, null, true, null);
                    }
                    return Reply.crashed(cause + " while running task " + p.key());
                }
                switch (f.type()) {
                    case Frames.STDOUT -> write(p, false, f.payload());
                    case Frames.STDERR -> write(p, true, f.payload());
                    case Frames.SHUTDOWN -> shutdownSeen = true;
                    case Frames.RESULT -> {
                        if (Frames.readLong(f.payload(), 0) == p.taskId()) {
                            current = null;
                            return decode(f.payload());
                        }
                    }
                    default -> {
                        // READY or a result of an earlier task: nothing to do
                    }
                }
            }
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            onStop.accept(null);
        }
    }

    /** The next frame, or null at end of stream (also when the stream broke: the worker is gone). */
    private Frames.Frame readFrame() {
        try {
            return Frames.read(fromWorker);
        } catch (IOException e) {
            kill();
            return null;
        }
    }

    private void killSoon() {
        Thread.startVirtualThread(this::kill);
    }

    /** Kills the worker's whole tree now; returns when it is gone. */
    void kill() {
        control.killTree(process, WorkerCommand.ownSession());
    }

    /** Lets the worker end by itself: it halts on STOP, and then the rest of its session is killed. */
    void closeInput() {
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

    /** Waits up to {@code millis} for the worker to end by itself, then kills it; cleans up after it. */
    void awaitExitOrKill(long millis) {
        try {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        finish(null);
    }

    /**
     * The worker's output ended: make sure it and its session are gone, let its stderr drain into
     * {@code p}'s sinks, and say how it ended. Runs once; later calls return the same cause.
     */
    private String finish(Pending p) {
        if (!finished.compareAndSet(false, true)) {
            return death.join();
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        // Whatever its tasks left in its session goes too (one /proc scan: the worker is gone, so there
        // are no descendants to find, only session members).
        if (WorkerCommand.ownSession()) {
            ProcessTree.killSession(process.pid());
        }
        try {
            stderrDone.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // keep what we have
        }
        current = null;
        control.ended(process);
        String cause = describeExit(process.exitValue());
        death.complete(cause);
        return cause;
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

    private static void write(Pending p, boolean err, byte[] b) {
        write(p, err, b, 0, b.length);
    }

    private static void write(Pending p, boolean err, byte[] b, int off, int len) {
        if (p == null) {
            return;
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

    private String bootLogText() {
        synchronized (bootLog) {
            return bootLog.toString(StandardCharsets.UTF_8).strip();
        }
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
