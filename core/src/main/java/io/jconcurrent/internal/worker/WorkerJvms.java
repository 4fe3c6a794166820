package io.jconcurrent.internal.worker;

import io.jconcurrent.Outcome;
import io.jconcurrent.TaskFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one batch's function tasks in a pool of worker JVMs: the façade of this package. A task's key
 * and arg travel to a worker by serialization, the function's outcome (or exception) and its
 * {@code System.out}/{@code System.err} come back; a task that overruns its timeout, or is stopped, is
 * ended by killing its worker's whole process tree, and a worker that dies (System.exit, halt, a
 * signal, an error that leaves the JVM suspect) fails only the task it was running.
 *
 * <p>Thread-safety: {@link #run} is called concurrently, once per task, from the tasks' own threads.
 *
 * <pre>{@code
 * try (WorkerJvms jvms = WorkerJvms.open(new WorkerJvms.Spec(fn, List.of(), 4, List.of("-Xmx256m"), control))) {
 *     WorkerJvms.Run run = jvms.run(key, arg, Duration.ofSeconds(10), out, err);
 * }
 * }</pre>
 */
public final class WorkerJvms implements AutoCloseable {

    /**
     * The most tasks one worker JVM holds at once: the one it runs and, when its tasks are quick, those
     * queued behind it (each still under its own timeout, counted from its own start).
     */
    public static final int TASKS_PER_WORKER = WorkerPool.QUEUE_DEPTH;

    /** How long idle workers get to exit by themselves at close before they are killed. */
    private static final long CLOSE_MILLIS = 2000;
    /** A task whose key and arg take more than this goes only to an idle worker, never queues behind others. */
    private static final int QUEUE_PAYLOAD_LIMIT = 16 << 10;

    private final WorkerPool pool;
    private final AtomicLong taskIds = new AtomicLong();

    /** What the engine does with worker processes: register them for the JVM's exit, and kill trees. */
    public interface ProcessControl {
        /** A worker process is about to be started (so that a JVM exit from now on can find it). */
        default void beforeStart() {
        }

        /** A worker process was started. */
        void started(Process process);

        /** Kill the process and everything it started; {@code ownSession} if it leads its own session. */
        void killTree(Process process, boolean ownSession);

        /** A worker process is gone for good. */
        void ended(Process process);
    }

    /**
     * What a pool runs and how.
     *
     * @param fn         the function every task calls
     * @param fixedArgs  args before each task's arg
     * @param maxWorkers the most worker JVMs at once, at least 1
     * @param jvmOptions extra options for each worker's {@code java} command
     * @param control    process registration and tree kill
     */
    public record Spec(TaskFunction fn, List<Object> fixedArgs, int maxWorkers, List<String> jvmOptions,
                       ProcessControl control) {
        /** @throws IllegalArgumentException if {@code maxWorkers} is less than 1 */
        public Spec {
            Objects.requireNonNull(fn, "fn");
            Objects.requireNonNull(control, "control");
            if (maxWorkers < 1) {
                throw new IllegalArgumentException("maxWorkers must be >= 1, got " + maxWorkers);
            }
            fixedArgs = new ArrayList<>(fixedArgs);
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    /** How a task ended in a worker JVM. */
    public enum Kind {
        /** The function returned; {@link Run#outcome()} holds what (possibly null). */
        RETURNED,
        /** The function threw; {@link Run#exception()} holds it. */
        THREW,
        /** The task could not be carried out or reported (for example an answer that cannot be serialized). */
        FAILED,
        /** The task overran its timeout; its worker was killed. */
        TIMED_OUT,
        /** The worker JVM died while running the task; {@link Run#cause()} says how. */
        CRASHED,
        /** The calling thread was interrupted (the task is being stopped); its worker was killed. */
        INTERRUPTED,
        /** The task never reached a worker: its key or arg cannot be serialized, or no worker could start. */
        NOT_STARTED
    }

    /**
     * One task's end.
     *
     * @param kind       how it ended
     * @param outcome    the function's outcome when {@link Kind#RETURNED}
     * @param exception  what the function threw, or why the task could not start; may be null
     * @param cause      a human-readable reason for anything but {@link Kind#RETURNED}
     * @param workerWait how long the task waited for a worker (including its start)
     * @param timeStart  when the task was sent to its worker
     * @param timeRun    from then until its end
     * @param workerPid  the worker's pid, or -1
     */
    public record Run(Kind kind, Outcome outcome, Throwable exception, String cause, Duration workerWait,
                      Instant timeStart, Duration timeRun, long workerPid) {
    }

    private WorkerJvms(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Checks that {@code fn} and {@code fixedArgs} can travel to a worker JVM by serializing them and
     * reading them back.
     *
     * @throws IllegalArgumentException naming the class that cannot travel, if one cannot
     */
    public static void checkSendable(TaskFunction fn, List<Object> fixedArgs) {
        if (!FunctionCodec.travelsAsLambda(fn)) {
            roundTrip(fn, "the function (" + fn.getClass().getName() + ")", fn.getClass().getClassLoader());
        }
        for (int i = 0; i < fixedArgs.size(); i++) {
            Object a = fixedArgs.get(i);
            if (!Values.isSimple(a)) {
                roundTrip(a, "fixed arg " + i + " (" + a.getClass().getName() + ")", fn.getClass().getClassLoader());
            }
        }
    }

    private static void roundTrip(Object o, String what, ClassLoader loader) {
        try {
            byte[] b = Values.serialize(o);
            Values.deserialize(b, 0, b.length, loader);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new IllegalArgumentException(what + " cannot be sent to a worker JVM: " + Values.describe(e)
                    + "; a lambda must capture only serializable values (a static or top-level class is safest),"
                    + " or run in process with placement(Placement.IN_PROCESS)", e);
        }
    }

    /** The default cap on worker JVMs when the batch has no worker limit: twice the processors, at least 2. */
    public static int defaultMaxWorkers() {
        return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Opens a pool; no JVM starts until a task needs one.
     *
     * @throws IllegalArgumentException if the function or a fixed arg cannot be serialized
     */
    public static WorkerJvms open(Spec spec) {
        byte[] init;
        try {
            init = FunctionCodec.encode(spec.fn(), spec.fixedArgs());
        } catch (IOException e) {
            throw new IllegalArgumentException("the function or its fixed args cannot be sent to a worker JVM: "
                    + Values.describe(e), e);
        }
        List<String> command = WorkerCommand.build(spec.jvmOptions());
        return new WorkerJvms(new WorkerPool(spec.maxWorkers(), command, init, spec.control(),
                spec.fn().getClass().getClassLoader()));
    }

    /**
     * Runs one task in a worker: waits for a free worker (starting one if the pool has room, or queues
     * behind quick tasks in a busy one), sends the task, and waits at most {@code timeout} (zero = no
     * limit) from its start in the worker for its end. A task whose worker ended before it started (it
     * was queued behind one that timed out, crashed or retired) is sent to another worker. Output goes
     * to {@code out} and {@code err} as it arrives.
     *
     * <p>A stop request is delivered through {@code onStop}: the run registers an action there (and
     * clears it with {@code null} when done) that the caller runs, from any thread, to stop the task;
     * the worker is then killed and the result is {@link Kind#INTERRUPTED}. An interrupt of the calling
     * thread stops it too while it waits for a worker.
     */
    public Run run(Object key, Object arg, Duration timeout, OutputStream out, OutputStream err,
            Consumer<Runnable> onStop) {
        long t0 = System.nanoTime();
        byte[] payload;
        try {
            payload = Values.encode(key, arg);
        } catch (IOException | RuntimeException e) {
            String what = arg != null ? "arg (" + arg.getClass().getName() + ")" : "key";
            return notStarted(t0, "the task's " + what + " cannot be sent to a worker JVM: " + Values.describe(e), e);
        }
        while (true) {
            WorkerProcess w;
            try {
                w = pool.lease(onStop, payload.length <= QUEUE_PAYLOAD_LIMIT);
            } catch (WorkerStartException e) {
                return notStarted(t0, e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Run(Kind.INTERRUPTED, null, null, "stopped while waiting for a worker JVM",
                        elapsed(t0), Instant.now(), Duration.ZERO, -1);
            }
            WorkerProcess.Reply reply = w.run(taskIds.incrementAndGet(), key, payload, out, err, timeout.toNanos(),
                    onStop);
            if (reply.retiring() && reply.crash() == null && reply.kind() >= 0) {
                w.awaitExitOrKill(CLOSE_MILLIS); // it ends by itself after this reply
            }
            if (w.isDone()) {
                pool.discard(w);
            } else {
                pool.release(w);
            }
            if (reply.kind() == WorkerProcess.Reply.NOT_STARTED) {
                continue; // its worker ended before it started (another task's deadline, crash or retirement)
            }
            return toRun(reply, w, t0);
        }
    }

    /** How the task ended, with its times: it started when its worker reached it, after any queued before it. */
    private static Run toRun(WorkerProcess.Reply reply, WorkerProcess w, long t0) {
        long start = reply.startNanos();
        Duration wait = Duration.ofNanos(Math.max(0, start - t0));
        Instant startWall = Instant.now().minusNanos(System.nanoTime() - start);
        Duration ran = Duration.ofNanos(Math.max(0, reply.endNanos() - start));
        String worker = "its worker JVM (pid " + w.pid() + ") was killed";
        if (reply.kind() == WorkerProcess.Reply.STOPPED) {
            return new Run(Kind.INTERRUPTED, null, null, worker, wait, startWall, ran, w.pid());
        }
        if (reply.kind() == WorkerProcess.Reply.TIMED_OUT) {
            return new Run(Kind.TIMED_OUT, null, null, worker, wait, startWall, ran, w.pid());
        }
        if (reply.isCrash()) {
            return new Run(Kind.CRASHED, null, null, reply.crash(), wait, startWall, ran, w.pid());
        }
        return switch (reply.kind()) {
            case Frames.RETURNED -> new Run(Kind.RETURNED, (Outcome) reply.value(), null, null, wait, startWall, ran,
                    w.pid());
            case Frames.THREW -> new Run(Kind.THREW, null, (Throwable) reply.value(),
                    "the function threw " + reply.value() + (reply.retiring() ? " (its worker JVM was replaced)" : ""),
                    wait, startWall, ran, w.pid());
            default -> new Run(Kind.FAILED, null, null, String.valueOf(reply.value()), wait, startWall, ran, w.pid());
        };
    }

    private static Run notStarted(long t0, String cause, Throwable e) {
        return new Run(Kind.NOT_STARTED, null, e, cause, elapsed(t0), Instant.now(), Duration.ZERO, -1);
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** Ends every worker and returns when all are gone (idle ones exit by themselves; stragglers are killed). */
    @Override
    public void close() {
        pool.close(CLOSE_MILLIS);
    }
}
