package io.jconcurrent.internal.function;

import io.jconcurrent.AsyncTaskFunction;
import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import io.jconcurrent.internal.batch.BatchClock;
import io.jconcurrent.internal.batch.ResultBuilder;
import io.jconcurrent.internal.batch.TaskHandle;
import io.jconcurrent.internal.batch.TaskRunner;
import io.jconcurrent.internal.process.CommandTaskRunner;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs function tasks in this JVM. Without a timeout a synchronous function runs on the task's own
 * virtual thread; with one, it runs on a second virtual thread so that its result can be delivered at
 * the deadline even if it ignores the interrupt it is sent (that thread then runs on until the function
 * returns; only a worker JVM can stop such code for sure).
 */
public final class FunctionTaskRunner implements TaskRunner {

    private final TaskFunction sync;
    private final AsyncTaskFunction async;
    private final List<Object> fixedArgs;
    private final Function<Task, Duration> limits;
    private final BatchClock clock;

    public FunctionTaskRunner(TaskFunction sync, AsyncTaskFunction async, List<Object> fixedArgs,
            Function<Task, Duration> limits, BatchClock clock) {
        this.sync = sync;
        this.async = async;
        this.fixedArgs = fixedArgs;
        this.limits = limits;
        this.clock = clock;
    }

    static List<Object> argsFor(List<Object> fixedArgs, Object arg) {
        // On the per-task hot path: no toArray() copy of the fixed args, one small list per task.
        int n = fixedArgs.size();
        if (n == 0) {
            return Collections.singletonList(arg);
        }
        Object[] args = new Object[n + 1];
        for (int i = 0; i < n; i++) {
            args[i] = fixedArgs.get(i);
        }
        args[n] = arg;
        return Collections.unmodifiableList(Arrays.asList(args));
    }

    @Override
    public ProcResult run(Task task, long readyNanos, TaskHandle handle) {
        // The run starts when the task got its worker: no clock read of its own before the function.
        ResultBuilder rb = new ResultBuilder(task, readyNanos, clock);
        List<Object> args = argsFor(fixedArgs, task.arg());
        Duration timeout = limits.apply(task);
        if (sync != null && timeout.isZero()) {
            try {
                rb.outcome(sync.apply(task.key(), args));
            } catch (InterruptedException e) {
                rb.stoppedByBatch(handle.stopReason(), null);
                Thread.currentThread().interrupt();
            } catch (Throwable e) { // a task's failure, recorded in its result (StackOverflowError included)
                threw(rb, e);
            }
            return finish(rb);
        }
        CompletableFuture<Outcome> future;
        Runnable stop;
        if (sync != null) {
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            Thread worker = Thread.ofVirtual().name("jconcurrent-fn-" + task.key()).start(() -> {
                try {
                    f.complete(sync.apply(task.key(), args));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            future = f;
            stop = worker::interrupt;
        } else {
            try {
                future = async.apply(task.key(), args).toCompletableFuture();
            } catch (Throwable e) {
                threw(rb, e);
                return finish(rb);
            }
            CompletableFuture<Outcome> f = future;
            stop = () -> f.cancel(true);
        }
        try {
            Outcome outcome = timeout.isZero() ? future.get()
                    : future.get(Math.max(0, rb.startNanos + timeout.toNanos() - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
            rb.outcome(outcome);
        } catch (TimeoutException e) {
            stop.run();
            rb.stopped(Status.TIMED_OUT, StopReason.TIMEOUT,
                    "timed out after " + CommandTaskRunner.seconds(timeout));
        } catch (InterruptedException e) {
            stop.run();
            rb.stoppedByBatch(handle.stopReason(), null);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            threw(rb, e.getCause());
        } catch (CancellationException e) {
            threw(rb, e);
        }
        return finish(rb);
    }

    private static ProcResult finish(ResultBuilder rb) {
        rb.ended();
        return rb.build();
    }

    private static void threw(ResultBuilder rb, Throwable e) {
        rb.failed("the function threw " + e, e);
    }
}
