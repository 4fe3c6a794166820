package io.jconcurrent.internal.function;

import io.jconcurrent.Outcome;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.TaskFunction;
import io.jconcurrent.internal.batch.InterruptibleWaits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A function task running in this JVM. */
abstract sealed class FunctionRun implements RunningTask, InterruptibleWaits {

    private final long startNanos = System.nanoTime();
    TaskEnd end;

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public TaskEnd end() {
        return end;
    }

    /** Without a timeout: the function runs on the caller's thread when it waits for the end. */
    static final class OnCaller extends FunctionRun {
        private final TaskFunction fn;
        private final Object key;
        private final List<Object> args;

        OnCaller(TaskFunction fn, Object key, List<Object> args) {
            this.fn = fn;
            this.key = key;
            this.args = args;
        }

        @Override
        public boolean awaitEnd(long untilNanos) throws InterruptedException {
            if (end != null) {
                return true;
            }
            try {
                end = new TaskEnd.Returned(fn.apply(key, args));
            } catch (InterruptedException e) {
                end = new TaskEnd.Stopped(-1, "");
                throw e;
            } catch (Throwable e) { // a task's failure, recorded in its result (StackOverflowError included)
                end = new TaskEnd.Threw(e, "");
            }
            return true;
        }

        @Override
        public void stop(Duration grace) {
            if (end == null) {
                end = new TaskEnd.Stopped(-1, "");
            }
        }
    }

    /** On a thread of its own, or an asynchronous function's stage. */
    static final class OnFuture extends FunctionRun {
        private final CompletableFuture<Outcome> future;
        private final Runnable interrupt;

        OnFuture(CompletableFuture<Outcome> future, Runnable interrupt) {
            this.future = future;
            this.interrupt = interrupt;
        }

        @Override
        public boolean awaitEnd(long untilNanos) throws InterruptedException {
            if (end != null) {
                return true;
            }
            try {
                Outcome o = untilNanos == Long.MAX_VALUE ? future.get()
                        : future.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                end = new TaskEnd.Returned(o);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                end = new TaskEnd.Threw(e.getCause(), "");
            } catch (CancellationException e) {
                end = new TaskEnd.Threw(e, "");
            }
            return true;
        }

        /** Interrupts the function's thread, or cancels its stage; its result is delivered now regardless. */
        @Override
        public void stop(Duration grace) {
            if (end == null) {
                interrupt.run();
                end = new TaskEnd.Stopped(-1, "");
            }
        }
    }
}
