package io.jconcurrent.internal.worker;

import io.jconcurrent.Outcome;
import io.jconcurrent.TaskFunction;
import io.jconcurrent.internal.process.ProcessTree;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The entry point of a worker JVM. Not for direct use: the parent starts it as
 * {@code WorkerMain <parent pid> <protocol in> <protocol out>} (paths such as {@code /dev/fd/4}, or
 * {@code -} for stdin and stdout).
 *
 * <p>It loads the function from the first frame, then runs one task per {@link Frames#RUN} frame on
 * its main thread, with {@code System.out} and {@code System.err} sent to the parent as frames of
 * that task. It halts at once on {@link Frames#STOP} (the parent then kills what its tasks left). If
 * instead its input ends, or its parent pid changes, the parent is gone: it kills the processes its
 * tasks left in its session itself, then halts, so nothing it started outlives it.
 */
public final class WorkerMain {

    /** How often the worker checks that its parent is still alive. */
    private static final long PARENT_POLL_MILLIS = 200;
    /** How often buffered task output is sent while a task runs. */
    private static final long FLUSH_MILLIS = 50;

    private final DataInputStream in;
    private final Frames.Writer out;
    private final FramedOutput stdout;
    private final FramedOutput stderr;
    private TaskFunction fn;
    private List<Object> fixedArgs;
    /** A frame read ahead while the task before it ended, to be handled next. */
    private Frames.Frame next;

    private WorkerMain(DataInputStream in, Frames.Writer out) {
        this.in = in;
        this.out = out;
        this.stdout = new FramedOutput(out, Frames.STDOUT);
        this.stderr = new FramedOutput(out, Frames.STDERR);
    }

    /**
     * Runs the worker until its parent lets go.
     *
     * @param args parent pid, protocol input path, protocol output path
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: WorkerMain <parent pid> <protocol in> <protocol out>");
            Runtime.getRuntime().halt(64);
        }
        try {
            new ParentWatch(Long.parseLong(args[0])).start();
            DataInputStream in = Frames.input("-".equals(args[1]) ? System.in : new FileInputStream(args[1]));
            Frames.Writer out = new Frames.Writer("-".equals(args[2])
                    ? new FileOutputStream(java.io.FileDescriptor.out) : new FileOutputStream(args[2]));
            new WorkerMain(in, out).serve();
        } catch (Throwable e) {
            // Nothing sensible is left to do: say why on stderr (the parent shows it) and go.
            e.printStackTrace();
            end(70);
        }
    }

    private void serve() throws IOException {
        // Auto-flush, like the JDK's own System.out: a line printed is sent, so even Runtime.halt right
        // after it loses nothing.
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new ExitHook(this));
        new Flusher(stdout, stderr).start();
        Frames.Frame init = Frames.read(in);
        if (init == null) {
            end(0);
        }
        if (!load(init)) {
            end(0);
        }
        out.send(Frames.READY, new byte[0]);
        while (true) {
            Frames.Frame f = next;
            next = null;
            if (f == null) {
                f = Frames.read(in);
                if (f == null) {
                    end(0); // end of input without STOP: the parent is gone
                }
                if (f.type() == Frames.RUN) {
                    out.send(Frames.STARTED, Arrays.copyOf(f.payload(), 8)); // read after a wait
                }
            }
            if (f.type() == Frames.RUN) {
                runTask(f.payload());
            } else if (f.type() == Frames.STOP) {
                Runtime.getRuntime().halt(0); // the parent sweeps this worker's session
            } else if (f.type() == END_OF_INPUT) {
                end(0);
            }
        }
    }

    /** Stands for the end of input when it is met while reading ahead ({@link #readAhead}). */
    private static final byte END_OF_INPUT = -1;

    /**
     * Reads the next frame if it has arrived already (the parent queued a task behind the one that just
     * ended), so that the result about to be sent can say the next task starts; false if none is here.
     */
    private boolean readAhead() throws IOException {
        if (in.available() == 0) {
            return false;
        }
        Frames.Frame f = Frames.read(in);
        next = f != null ? f : new Frames.Frame(END_OF_INPUT, new byte[0]);
        return next.type() == Frames.RUN;
    }

    private boolean load(Frames.Frame init) throws IOException {
        try {
            FunctionCodec.Loaded loaded = FunctionCodec.decode(init.payload(),
                    Thread.currentThread().getContextClassLoader());
            fn = loaded.fn();
            fixedArgs = loaded.fixedArgs();
            return true;
        } catch (Exception | LinkageError e) {
            out.send(Frames.INIT_FAILED, ("the worker JVM cannot load the function: " + e)
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }
    }

    private void runTask(byte[] payload) throws IOException {
        long startNanos = System.nanoTime();
        long taskId = Frames.readLong(payload, 0);
        Object[] keyArg;
        try {
            keyArg = Values.decode(payload, 8, payload.length - 8, 2, fn.getClass().getClassLoader());
        } catch (Exception | LinkageError e) {
            reply(taskId, Frames.FAILED, "the worker JVM cannot read the task's key or arg: " + e, false, startNanos);
            return;
        }
        List<Object> args = new ArrayList<>(fixedArgs.size() + 1);
        args.addAll(fixedArgs);
        args.add(keyArg[1]);
        byte kind;
        Object value;
        boolean retire = false;
        try {
            value = fn.apply(keyArg[0], Collections.unmodifiableList(args));
            kind = Frames.RETURNED;
        } catch (Throwable e) { // the task's failure, reported in its result
            value = e;
            kind = Frames.THREW;
            // After OutOfMemoryError or StackOverflowError this JVM's state is suspect: replace it.
            retire = e instanceof VirtualMachineError;
        }
        Thread.interrupted();
        System.out.flush();
        System.err.flush();
        stdout.flush();
        stderr.flush();
        reply(taskId, kind, value, retire, startNanos);
        if (retire) {
            end(0);
        }
    }

    /**
     * Sends a result, at once (each result is on its way before the next task starts, so a crash is
     * always blamed on the task that was running); a value that cannot be serialized is replaced by a
     * description naming its class. The task's start and end ({@link System#nanoTime}, the same
     * monotonic clock as the parent's on Linux) tell the parent when the next task, already queued here,
     * started: its deadline counts from then.
     */
    private void reply(long taskId, byte kind, Object value, boolean retire, long startNanos) throws IOException {
        byte[] bytes;
        try {
            bytes = Values.encode(value);
        } catch (Exception | LinkageError e) {
            if (kind == Frames.THREW) {
                bytes = safeSerialize(standIn((Throwable) value));
            } else {
                kind = Frames.FAILED;
                bytes = safeSerialize("the function's answer cannot be sent back from the worker JVM: "
                        + describeValue(value) + ": " + Values.describe(e));
            }
        } catch (OutOfMemoryError e) {
            kind = Frames.FAILED;
            retire = true;
            bytes = safeSerialize("the worker JVM ran out of memory sending the result: " + e);
        }
        byte[] header = new byte[Frames.RESULT_HEADER];
        System.arraycopy(Frames.longBytes(taskId), 0, header, 0, 8);
        header[8] = kind;
        // Read ahead just before the result: a task already queued starts as this one's result goes out.
        boolean nextStarts = !retire && readAhead();
        header[9] = (byte) ((retire ? Frames.RETIRING : 0) | (nextStarts ? Frames.NEXT_STARTS : 0));
        System.arraycopy(Frames.longBytes(startNanos), 0, header, 10, 8);
        System.arraycopy(Frames.longBytes(System.nanoTime()), 0, header, 18, 8);
        out.send(Frames.RESULT, header, bytes, 0, bytes.length);
    }

    private static String describeValue(Object value) {
        if (value instanceof io.jconcurrent.Outcome o && o.answer() != null) {
            return "answer of class " + o.answer().getClass().getName();
        }
        return value == null ? "null" : "value of class " + value.getClass().getName();
    }

    private static byte[] safeSerialize(Object o) {
        try {
            return Values.encode(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a " + o.getClass().getName(), e);
        }
    }

    /** An exception that can travel, keeping the original's class name, message and stack. */
    private static Throwable standIn(Throwable original) {
        RuntimeException e = new RuntimeException(original.getClass().getName()
                + (original.getMessage() != null ? ": " + original.getMessage() : "")
                + " (the original exception could not be serialized)");
        e.setStackTrace(original.getStackTrace());
        return e;
    }

    /**
     * Sends buffered task output every few tens of milliseconds. (The worker's threads are classes, not
     * lambdas: the first lambda in a JVM costs it tens of milliseconds of start-up.)
     */
    private static final class Flusher extends Thread {
        private final FramedOutput[] streams;

        Flusher(FramedOutput... streams) {
            super("jconcurrent-worker-flush");
            this.streams = streams;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                try {
                    Thread.sleep(FLUSH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                for (FramedOutput s : streams) {
                    s.tryFlush();
                }
            }
        }
    }

    /** Runs {@link #onExit} as a shutdown hook. */
    private static final class ExitHook extends Thread {
        private final WorkerMain worker;

        ExitHook(WorkerMain worker) {
            super("jconcurrent-worker-exit");
            this.worker = worker;
        }

        @Override
        public void run() {
            worker.onExit();
        }
    }

    /** Shutdown hook: runs on System.exit (not on halt or a signal kill); tells the parent why. */
    private void onExit() {
        stdout.tryFlush();
        stderr.tryFlush();
        try {
            if (out.lock().tryLock(1, java.util.concurrent.TimeUnit.SECONDS)) {
                try {
                    out.send(Frames.SHUTDOWN, new byte[0]);
                } finally {
                    out.lock().unlock();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the parent is gone; nothing to tell
        }
    }

    /** Ends the worker when its parent pid changes: the parent died (even by SIGKILL) and it was re-parented. */
    private static final class ParentWatch extends Thread {
        private final long parent;

        ParentWatch(long parent) {
            super("jconcurrent-worker-parent-watch");
            this.parent = parent;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                long now = parentPid();
                if (now != parent) {
                    end(0);
                }
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** This process's parent pid: from {@code /proc} where there is one (cheap), else ProcessHandle. */
    static long parentPid() {
        long parent = ProcessTree.parentPid(ProcessHandle.current().pid());
        return parent >= 0 ? parent : ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** Kills whatever this worker's tasks left behind in its session, then halts (no hooks). */
    private static void end(int status) {
        ProcessTree.killSession(ProcessHandle.current().pid());
        Runtime.getRuntime().halt(status);
    }
}
