package io.jconcurrent.internal.worker;

import io.jconcurrent.internal.process.ProcessTree;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The parent's side of one worker JVM: its process and the frame channel to it. Tasks are sent as
 * they come, and may queue in the worker behind a running one (the pool queues only behind quick
 * tasks, {@link #isQuick}); the worker runs them in order and sends each result before it starts the
 * next. A reader thread takes the frames: output goes to the task at the head of the queue (the one
 * running), each result completes its task and makes the next one the head, which started as the one
 * before ended (both JVMs read the same monotonic clock): the engine's driver counts its deadline from
 * then. The driver's stop of the running task (at its deadline, or the batch's) kills the worker; the
 * tasks queued behind it never started, and come back {@link Reply#NOT_STARTED} so that a fresh worker
 * runs them. A second thread drains the JVM's real
 * stderr, and the JDK's own exit watcher notices a worker that dies while idle.
 */
final class WorkerProcess {

    /** How long a worker JVM may take to start and load the function. */
    static final long START_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Tasks this quick on average may queue behind one another in a worker. */
    static final long QUICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** No task queues behind one that has run this long. */
    private static final long SLOW_HEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long DRAIN_MILLIS = 500;
    private static final int BOOT_LOG_LIMIT = 4096;

    private final Process process;
    private final Frames.Writer toWorker;
    private final DataInputStream fromWorker;
    private final ProcessControl control;
    private final ClassLoader loader;
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private final ByteArrayOutputStream bootLog = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<String> death = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Held while a task is queued and written, so that frames go out in the order of the queue. */
    private final ReentrantLock sendLock = new ReentrantLock();
    /** Tasks sent and not answered, in the order the worker runs them; the first is running. Guarded by lock. */
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    /** The worker's output ended: nothing more is sent. Written under lock. */
    private volatile boolean ended;
    /** The task whose stop (the driver's, at its deadline or the batch's) made us kill the worker, if one did. */
    private final AtomicReference<Pending> killedFor = new AtomicReference<>();
    /** The running task, where output goes. */
    private volatile Pending current;
    private volatile boolean shutdownSeen;
    private volatile boolean retiring;
    /** A moving average of this worker's task run times, or -1 before its first result. */
    private volatile long averageRunNanos = -1;
    /** The pool's count of tasks leased on this worker; guarded by the pool's lock. */
    int load;

    /** What a worker said about one task, or how it ended while the task was there. */
    record Reply(byte kind, Object value, boolean retiring, String crash, long startNanos, long endNanos) {
        static final byte STOPPED = -3;
        /** The worker ended before it started the task (another task's deadline, crash or stop): run it elsewhere. */
        static final byte NOT_STARTED = -4;

        static Reply crashed(String cause, long startNanos) {
            return new Reply((byte) -1, null, true, cause, startNanos, System.nanoTime());
        }

        static Reply of(byte kind, long startNanos) {
            return new Reply(kind, null, true, null, startNanos, System.nanoTime());
        }

        boolean isCrash() {
            return crash != null;
        }
    }

    /** One task sent to this worker. */
    static final class Pending {
        final long id;
        final Object key;
        final OutputStream out;
        final OutputStream err;
        final CompletableFuture<Reply> reply = new CompletableFuture<>();
        /** Completed when it starts in the worker (it is the head of the queue). */
        final CompletableFuture<Void> running = new CompletableFuture<>();
        /** When it was sent; then, once it is the head, when it started. Written under lock. */
        volatile long startNanos;
        boolean started;
        volatile boolean stopped;
        /** In the worker's queue (set under lock before it is written). */
        volatile boolean sent;
        /** Its result came (set by the reader before the result is handed over). */
        volatile boolean answered;
        /** The worker said it starts it ({@link Frames#STARTED}, or the result before it): its function was called. */
        volatile boolean announced;

        Pending(long id, Object key, OutputStream out, OutputStream err) {
            this.id = id;
            this.key = key;
            this.out = out;
            this.err = err;
        }
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
        return !ended && !finished.get() && process.isAlive();
    }

    /** Whether it ended or is ending: it takes no more tasks. */
    boolean isDone() {
        return ended || retiring || finished.get();
    }

    /**
     * Whether its tasks so far were quick enough for more to queue behind the running one, and the one
     * running now is not a slow exception (so at most the tasks already queued wait behind a long one).
     */
    boolean isQuick() {
        long avg = averageRunNanos;
        if (avg < 0 || avg >= QUICK_NANOS) {
            return false;
        }
        Pending head = current;
        return head == null || System.nanoTime() - head.startNanos < SLOW_HEAD_NANOS;
    }

    /**
     * Reads until the worker has loaded the function, then hands its output to a reader thread.
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
        Thread limit = Thread.ofVirtual().name("jconcurrent-worker-start-limit").start(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(START_LIMIT_NANOS);
            } catch (InterruptedException e) {
                return; // ready, or failed, in time
            }
            late.set(true);
            killSoon();
        });
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
                    Thread.ofPlatform().daemon().name("jconcurrent-worker-out-" + process.pid()).start(this::readLoop);
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
            limit.interrupt();
            onStop.accept(null);
        }
    }

    /**
     * Sends one task; it may queue behind the tasks sent before it. The task has no deadline here: the
     * engine's driver keeps it, waiting with {@link #awaitStarted} and {@link #awaitReply}, and ends the
     * task with {@link #stop(Pending)}.
     */
    Pending submit(long taskId, Object key, byte[] payload, OutputStream out, OutputStream err) {
        Pending p = new Pending(taskId, key, out, err);
        Reply refused = send(p, payload);
        if (refused != null) {
            p.reply.complete(refused);
        }
        return p;
    }

    /** Waits until {@code p} runs in the worker (true) or is answered without running (false). */
    boolean awaitStarted(Pending p) throws InterruptedException {
        try {
            CompletableFuture.anyOf(p.running, p.reply).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return p.running.isDone() && !(p.reply.isDone() && p.reply.getNow(null).kind() == Reply.NOT_STARTED);
    }

    /** {@code p}'s reply, waiting until {@code untilNanos} ({@link Long#MAX_VALUE}: no limit); null if none by then. */
    Reply awaitReply(Pending p, long untilNanos) throws InterruptedException {
        try {
            return untilNanos == Long.MAX_VALUE ? p.reply.get()
                    : p.reply.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Queues {@code p} and sends it; a reply if it cannot be sent. The write happens outside the lock
     * that the reader needs for each result: when a task hangs with others queued behind it, a write
     * can wait for a worker that does not read, and the results it sent before must still be taken.
     * A second lock keeps the frames in the order of the queue.
     */
    private Reply send(Pending p, byte[] payload) {
        sendLock.lock();
        try {
            lock.lock();
            try {
                if (p.stopped) {
                    return Reply.of(Reply.STOPPED, System.nanoTime());
                }
                if (ended || retiring) {
                    return Reply.of(Reply.NOT_STARTED, System.nanoTime());
                }
                inFlight.addLast(p);
                p.sent = true;
                p.startNanos = System.nanoTime();
                if (inFlight.peekFirst() == p) {
                    becomeHead(p, p.startNanos); // before it is sent: its output may come back at once
                }
            } finally {
                lock.unlock();
            }
            try {
                toWorker.send(Frames.RUN, Frames.longBytes(p.id), payload, 0, payload.length);
            } catch (IOException e) {
                // The worker is gone; the reader sees the end of its output.
            }
            return null;
        } finally {
            sendLock.unlock();
        }
    }

    /** {@code p} runs from {@code startNanos} (under lock): its output comes next, its deadline counts from then. */
    private void becomeHead(Pending p, long startNanos) {
        p.started = true;
        p.running.complete(null);
        p.startNanos = Math.max(p.startNanos, startNanos); // not before it was sent
        current = p;
    }

    /**
     * A stop request (the driver's, at the task's deadline or when the batch stops it): kills the worker
     * if {@code p} is running, else answers it as stopped (never started; should the worker reach it
     * anyway, its result is dropped). Takes no lock: a sender may hold it while its write waits for
     * this very worker to read, which a hung task never does.
     */
    void stop(Pending p) {
        p.stopped = true;
        if (current == p) {
            killedFor.compareAndSet(null, p);
            killSoon();
        } else if (p.sent && !p.answered) {
            p.reply.complete(Reply.of(Reply.STOPPED, System.nanoTime()));
        }
    }

    /** The reader thread: routes the worker's frames until its output ends. */
    private void readLoop() {
        try {
            Frames.Frame f;
            while ((f = readFrame()) != null) {
                switch (f.type()) {
                    case Frames.STDOUT -> write(current, false, f.payload());
                    case Frames.STDERR -> write(current, true, f.payload());
                    case Frames.SHUTDOWN -> shutdownSeen = true;
                    case Frames.RESULT -> onResult(f.payload());
                    case Frames.STARTED -> onStarted(Frames.readLong(f.payload(), 0));
                    default -> {
                        // nothing else comes after READY
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            kill(); // an engine defect: end the worker rather than leave its tasks waiting
        } finally {
            onEnd();
        }
    }

    /** The worker starts the task {@code id}, which it read after waiting for one. */
    private void onStarted(long id) {
        lock.lock();
        try {
            Pending head = inFlight.peekFirst();
            if (head != null && head.id == id) {
                head.announced = true;
            }
        } finally {
            lock.unlock();
        }
    }

    private void onResult(byte[] b) {
        long id = Frames.readLong(b, 0);
        long start = Frames.readLong(b, 10);
        long end = Frames.readLong(b, 18);
        Pending p;
        lock.lock();
        try {
            p = inFlight.peekFirst();
            if (p == null || p.id != id) {
                p = null; // out of step: the stream cannot be trusted; the kill below ends it
            } else {
                inFlight.pollFirst();
                p.answered = true;
                Pending next = inFlight.peekFirst();
                current = next;
                if (next != null) {
                    becomeHead(next, end); // the worker started it as this one ended
                    next.announced = (b[9] & Frames.NEXT_STARTS) != 0;
                }
            }
        } finally {
            lock.unlock();
        }
        if (p == null) {
            kill();
            return;
        }
        long ran = end - start;
        long avg = averageRunNanos;
        averageRunNanos = avg < 0 ? ran : (avg + ran) / 2; // forgets a young JVM's slow first tasks quickly
        if ((b[9] & Frames.RETIRING) != 0) {
            retiring = true;
        }
        p.reply.complete(decode(b, start, end));
    }

    /**
     * The worker's output ended: it is gone (or going). The task that was running gets what killed it:
     * its own stop, or a crash; the tasks queued behind it never started, and neither did a running one
     * when another task's stop raced with its start.
     */
    private void onEnd() {
        List<Pending> left;
        lock.lock();
        try {
            ended = true;
            left = new ArrayList<>(inFlight);
            inFlight.clear();
        } finally {
            lock.unlock();
        }
        Pending head = left.isEmpty() ? null : left.getFirst();
        String cause;
        try {
            cause = finish(head);
        } catch (RuntimeException | Error e) {
            cause = "the worker JVM ended (" + e + ")";
        }
        Pending culprit = killedFor.get();
        for (Pending p : left) {
            long start = p.started ? p.startNanos : System.nanoTime();
            Reply r;
            if (p == culprit) {
                r = Reply.of(Reply.STOPPED, start);
            } else if (p.stopped) {
                r = Reply.of(Reply.STOPPED, start);
            } else if (p == head && culprit == null && !retiring && p.announced) {
                r = Reply.crashed(cause + " while running task " + p.key, start);
            } else {
                r = Reply.of(Reply.NOT_STARTED, start);
            }
            p.reply.complete(r);
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
        control.killTree(process);
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
        if (control.ownSession()) {
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

    private Reply decode(byte[] b, long start, long end) {
        byte kind = b[8];
        boolean retiring = (b[9] & Frames.RETIRING) != 0;
        int at = Frames.RESULT_HEADER;
        try {
            return new Reply(kind, Values.decode(b, at, b.length - at, 1, loader)[0], retiring, null, start, end);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return new Reply(Frames.FAILED, "the task's result cannot be read in the parent JVM: " + e, retiring, null,
                    start, end);
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
            (err ? p.err : p.out).write(b, off, len);
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
