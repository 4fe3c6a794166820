package io.jconcurrent.internal;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.Work;
import io.jconcurrent.internal.worker.WorkerJvms;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Runs function tasks in worker JVMs ({@link io.jconcurrent.Placement#WORKER_JVM}): adapts the worker
 * pool's outcome of each task to a {@link ProcResult}, with the function's output captured under the
 * batch's {@link io.jconcurrent.OutputPolicy}. The time a task waits for a worker JVM (including its
 * start) counts as queue wait; the timeout starts when the task reaches its worker.
 */
final class WorkerTaskRunner implements TaskRunner {

    /** Worker processes join the registry the shutdown hook kills, and are killed as whole trees. */
    private static final WorkerJvms.ProcessControl CONTROL = new WorkerJvms.ProcessControl() {
        @Override
        public void beforeStart() {
            LiveProcesses.beforeStart();
        }

        @Override
        public void started(Process process) {
            LiveProcesses.add(process);
        }

        @Override
        public void killTree(Process process, boolean ownSession) {
            ProcessTree.kill(process, Duration.ZERO, CommandLauncher.defaultSignals(), ownSession);
        }

        @Override
        public void ended(Process process) {
            LiveProcesses.remove(process);
        }
    };

    private final WorkerJvms jvms;
    private final BatchConfig config;
    private final BatchClock clock;

    WorkerTaskRunner(Work.Function function, BatchConfig config, BatchClock clock) {
        int max = config.workers() > 0 ? config.workers() : WorkerJvms.defaultMaxWorkers();
        this.jvms = WorkerJvms.open(new WorkerJvms.Spec(function.fn(), function.fixedArgs(), max,
                config.workerJvmOptions(), CONTROL));
        this.config = config;
        this.clock = clock;
    }

    @Override
    public ProcResult run(Task task, long readyNanos, TaskHandle handle) {
        OutputCapture.Sinks sinks;
        try {
            sinks = OutputCapture.open(config.output(), task.key());
        } catch (IOException e) {
            ResultBuilder rb = new ResultBuilder(task, readyNanos, clock);
            rb.neverRan();
            return rb.failed("cannot open output file: " + e, e).build();
        }
        OutputStream out = sinks.stream(true);
        OutputStream err = sinks.stream(false);
        Duration limit = config.limitFor(task);
        WorkerJvms.Run run;
        try {
            run = jvms.run(task.key(), task.arg(), limit, out, err, handle::onStop);
        } finally {
            sinks.closeFiles();
        }
        handle.runsIn(run.workerPid());
        ResultBuilder rb = new ResultBuilder(task, readyNanos, clock);
        rb.queueWaitNanos += run.workerWait().toNanos();
        rb.timeStartEpochNanos = BatchClock.epochNanos(run.timeStart());
        rb.timeRunNanos = run.timeRun().toNanos();
        rb.stdout = sinks.text(true);
        rb.stdoutTruncated = sinks.truncated(true);
        rb.stderr = sinks.text(false);
        rb.stderrTruncated = sinks.truncated(false);
        rb.stdoutBytes = sinks.bytes(true);
        rb.stderrBytes = sinks.bytes(false);
        switch (run.kind()) {
            case RETURNED -> rb.outcome(run.outcome());
            case THREW -> rb.failed(run.cause(), run.exception());
            case FAILED, CRASHED, NOT_STARTED -> rb.failed(run.cause(), run.exception());
            case TIMED_OUT -> rb.stopped(Status.TIMED_OUT, StopReason.TIMEOUT,
                    "timed out after " + CommandTaskRunner.seconds(limit) + "; " + run.cause());
            case INTERRUPTED -> rb.stoppedByBatch(handle.stopReason(), "; " + run.cause());
        }
        return rb.build();
    }

    /** Quick tasks queue in a worker JVM behind the one it runs (see {@link WorkerJvms#TASKS_PER_WORKER}). */
    @Override
    public int tasksPerWorker() {
        return WorkerJvms.TASKS_PER_WORKER;
    }

    @Override
    public void close() {
        jvms.close();
    }
}
