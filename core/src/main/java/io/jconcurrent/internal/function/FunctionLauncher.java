package io.jconcurrent.internal.function;

import io.jconcurrent.AsyncTaskFunction;
import io.jconcurrent.Outcome;
import io.jconcurrent.Placement;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.TaskFunction;
import io.jconcurrent.internal.batch.CallsInline;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a batch's function tasks in this JVM. Without a timeout a synchronous function runs on the
 * task's own virtual thread, inside {@link RunningTask#awaitEnd}; with one, on a second virtual thread
 * of its own, so that its result can be delivered at the deadline even if it ignores the interrupt it
 * is sent (that thread then runs on until the function returns; only a worker JVM can stop such code
 * for sure). An asynchronous function's stage is awaited without holding a thread.
 */
public final class FunctionLauncher implements Placement.Launcher, CallsInline {

    private final TaskFunction sync;
    private final AsyncTaskFunction async;
    private final List<Object> fixedArgs;

    private FunctionLauncher(TaskFunction sync, AsyncTaskFunction async, List<Object> fixedArgs) {
        this.sync = sync;
        this.async = async;
        this.fixedArgs = fixedArgs;
    }

    /** For a {@link TaskFunction}. */
    public static FunctionLauncher sync(TaskFunction fn, List<Object> fixedArgs) {
        return new FunctionLauncher(fn, null, fixedArgs);
    }

    /** For an {@link AsyncTaskFunction}. */
    public static FunctionLauncher async(AsyncTaskFunction fn, List<Object> fixedArgs) {
        return new FunctionLauncher(null, fn, fixedArgs);
    }

    /** The fixed args followed by the task's arg, unmodifiable; one small list per task. */
    static List<Object> argsFor(List<Object> fixedArgs, Object arg) {
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
    public RunningTask start(Placement.Launch launch) {
        Object key = launch.task().key();
        List<Object> args = argsFor(fixedArgs, launch.task().arg());
        if (sync != null && launch.timeout().isZero()) {
            return new FunctionRun.OnCaller(sync, key, args);
        }
        if (sync != null) {
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            Thread worker = Thread.ofVirtual().name("jconcurrent-fn-" + key).start(() -> {
                try {
                    f.complete(sync.apply(key, args));
                } catch (Throwable e) { // the task's failure, recorded in its result
                    f.completeExceptionally(e);
                }
            });
            return new FunctionRun.OnFuture(f, worker::interrupt);
        }
        CompletableFuture<Outcome> f;
        try {
            f = async.apply(key, args).toCompletableFuture();
        } catch (Throwable e) {
            return RunningTask.ended(new TaskEnd.Threw(e, ""));
        }
        return new FunctionRun.OnFuture(f, () -> f.cancel(true));
    }

    /** A synchronous function can run on the driver's thread. */
    @Override
    public boolean callsInline() {
        return sync != null;
    }

    @Override
    public TaskEnd callInline(Object key, Object arg) throws InterruptedException {
        List<Object> args = argsFor(fixedArgs, arg);
        try {
            return new TaskEnd.Returned(sync.apply(key, args));
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable e) { // a task's failure, recorded in its result (StackOverflowError included)
            return new TaskEnd.Threw(e, "");
        }
    }

    /** A function in this JVM prints to this JVM's own streams, which are not captured. */
    @Override
    public boolean capturesOutput() {
        return false;
    }

    @Override
    public void close() {
        // nothing held between tasks
    }
}
