package io.jconcurrent.internal.worker;

import io.jconcurrent.Placement;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.TaskFunction;
import io.jconcurrent.internal.process.LiveProcesses;
import io.jconcurrent.internal.process.Platform;
import io.jconcurrent.internal.process.ProcessTree;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one batch's function tasks in a pool of worker JVMs: the façade of this package. A task's key
 * and arg travel to a worker by serialization, the function's outcome (or exception) and its
 * {@code System.out}/{@code System.err} come back; a task that overruns its timeout, or is stopped, is
 * ended by killing its worker's whole process tree, and a worker that dies (System.exit, halt, a
 * signal, an error that leaves the JVM suspect) fails only the task it was running. Each running task
 * is a {@link WorkerRun}.
 *
 * <p>Thread-safety: {@link #start} is called concurrently, once per task, from the tasks' own threads.
 */
public final class WorkerLauncher implements Placement.Launcher {

    /** How long idle workers get to exit by themselves at close before they are killed. */
    static final long CLOSE_MILLIS = 2000;
    /** A task whose key and arg take more than this goes only to an idle worker, never queues behind others. */
    private static final int QUEUE_PAYLOAD_LIMIT = 16 << 10;

    private final WorkerPool pool;
    private final AtomicLong taskIds = new AtomicLong();

    private WorkerLauncher(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Opens a pool of at most {@code workers} JVMs ({@link #defaultMaxWorkers()} for 0); none starts
     * until a task needs one.
     *
     * @param platform how this machine signals a process tree: a worker is killed as a whole tree
     * @throws IllegalArgumentException if the function or a fixed arg cannot be serialized
     */
    public static WorkerLauncher open(TaskFunction fn, List<Object> fixedArgs, int workers, List<String> jvmOptions,
            Platform platform) {
        byte[] init;
        try {
            init = FunctionCodec.encode(fn, fixedArgs);
        } catch (IOException e) {
            throw new IllegalArgumentException("the function or its fixed args cannot be sent to a worker JVM: "
                    + Values.describe(e), e);
        }
        int max = workers > 0 ? workers : defaultMaxWorkers();
        return new WorkerLauncher(new WorkerPool(max, WorkerCommand.build(jvmOptions, platform), init, control(platform),
                fn.getClass().getClassLoader()));
    }

    /** Worker processes join the registry the exit hook kills, and are killed as whole trees. */
    private static ProcessControl control(Platform platform) {
        boolean ownSession = WorkerCommand.ownSession(platform);
        return new ProcessControl() {
            @Override
            public boolean ownSession() {
                return ownSession;
            }

            @Override
            public void beforeStart() {
                LiveProcesses.beforeStart();
            }

            @Override
            public void started(Process process) {
                LiveProcesses.add(process);
            }

            @Override
            public void killTree(Process process) {
                ProcessTree.kill(process, Duration.ZERO, platform.signals(), ownSession);
            }

            @Override
            public void ended(Process process) {
                LiveProcesses.remove(process);
            }
        };
    }

    /** The default cap on worker JVMs when the batch has no worker limit: twice the processors, at least 2. */
    public static int defaultMaxWorkers() {
        return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
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

    @Override
    public RunningTask start(Placement.Launch launch) {
        Object key = launch.task().key();
        Object arg = launch.task().arg();
        byte[] payload;
        try {
            payload = Values.encode(key, arg);
        } catch (IOException | RuntimeException e) {
            String what = arg != null ? "arg (" + arg.getClass().getName() + ")" : "key";
            return RunningTask.ended(new TaskEnd.NotStarted(
                    "the task's " + what + " cannot be sent to a worker JVM: " + Values.describe(e), e, -1));
        }
        return new WorkerRun(pool, taskIds.incrementAndGet(), key, payload, payload.length <= QUEUE_PAYLOAD_LIMIT,
                !launch.timeout().isZero(), launch.stdout(), launch.stderr());
    }

    /**
     * Quick tasks queue in a busy worker JVM behind the one it runs (each under its own timeout, from its
     * own start), so that a worker never waits for the parent between tasks.
     */
    @Override
    public int tasksPerWorker() {
        return WorkerPool.QUEUE_DEPTH;
    }

    /** Ends every worker and returns when all are gone (idle ones exit by themselves; stragglers are killed). */
    @Override
    public void close() {
        pool.close(CLOSE_MILLIS);
    }
}
