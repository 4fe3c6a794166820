package io.jconcurrent.internal.batch;

import io.jconcurrent.Halt;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.internal.events.FlightEvents;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run of a batch; results land in input order and go to the listener as each task ends.
 *
 * <p>Tasks run on worker loops, long-lived virtual threads that each loop: pull the next task, run it,
 * record its result. A loop is the permit: a task is pulled only by a free loop, which keeps memory
 * flat for lazy sources of any length. A loop that has pulled a task starts one more loop if every
 * loop is running a task and the cap ({@code workers}, or none) allows. So a batch of blocking tasks
 * gets as many loops as it may run at once, and a batch of quick functions only the few that keep the
 * carriers busy: without a cap, tasks still start as soon as they are pulled, but quick ones do not
 * each cost a thread.
 */
final class Batch {

    private final BatchConfig config;
    private final TaskDriver driver;
    private final BatchClock clock;
    private final int cap;
    private final CompletableFuture<List<ProcResult>> done = new CompletableFuture<>();
    private final FlightEvents events;
    /** One handle per live worker loop. */
    private final Set<TaskHandle> handles = ConcurrentHashMap.newKeySet();
    private final ResultSlots results;
    /** Worker loops started and not yet ended; the batch is over when the last one ends. */
    private final AtomicInteger alive = new AtomicInteger(1);
    /** Worker loops running a task now. */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile StopReason stopAll;
    /** Set by a {@link Halt.When#SOON} halt: no more tasks start; running ones finish. */
    private volatile StopReason startNoMore;
    /** Final results so far that count toward a halt. */
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    /**
     * Tasks taken from the source so far: written under the source lock with a release store
     * ({@code lazySet}: a plain store on x86, where a volatile one costs a fence per task), read by any
     * thread.
     */
    private final AtomicInteger pulledSoFar = new AtomicInteger();
    private volatile Throwable sourceFailure;
    /** Guards the source and what follows; held while pulling. */
    private final ReentrantLock sourceLock = new ReentrantLock();
    private Iterator<Task> pending;
    private KeySet seenKeys;
    private int loops = 1;
    private boolean sourceEnded;

    Batch(BatchConfig config, TaskDriver driver, BatchClock clock) {
        this.config = config;
        this.driver = driver;
        this.clock = clock;
        this.cap = config.workers() > 0
                ? (int) Math.min(Integer.MAX_VALUE, (long) config.workers() * driver.tasksPerWorker())
                : Integer.MAX_VALUE;
        this.results = new ResultSlots(config.retainResults());
        this.events = driver.events();
    }

    /** Starts the work; the future completes with every task's result, in input order. */
    CompletableFuture<List<ProcResult>> start() {
        pending = config.tasks().iterator();
        seenKeys = config.eager() || !config.retainResults() ? null : new KeySet();
        events.batchStarting();
        Thread.ofVirtual().name("jconcurrent-worker-1").start(this::workerLoop);
        return done;
    }

    /** One worker loop: pulls and runs tasks until the source is empty or the batch stops. */
    private void workerLoop() {
        TaskHandle handle = new TaskHandle();
        handles.add(handle);
        try {
            while (true) {
                Pulled next = pull();
                if (next == null) {
                    return;
                }
                if (next.immediate() != null) {
                    record(next.slot(), next.immediate());
                } else {
                    runOne(next.slot(), next.task(), handle);
                }
            }
        } catch (Throwable e) {
            sourceFailure = e; // an engine defect: fail the batch's future rather than hang
        } finally {
            handles.remove(handle);
            finishOne();
        }
    }

    /** A task taken from the source, with its slot, or the result it gets without running. */
    private record Pulled(int slot, Task task, ProcResult immediate) {
    }

    /**
     * The next task for a worker loop, or null when there is none to run (source ended, or stopping).
     * A task to run counts as busy from here; if every loop is then busy, one more is started.
     */
    private Pulled pull() {
        sourceLock.lock();
        try {
            if (sourceEnded) {
                return null;
            }
            if (stopAll != null || startNoMore != null) {
                sourceEnded = true;
                drainUnstarted();
                return null;
            }
            Task task;
            try {
                if (!pending.hasNext()) {
                    sourceEnded = true;
                    return null;
                }
                task = pending.next();
            } catch (RuntimeException e) {
                sourceEnded = true;
                sourceFailure = new IllegalStateException(
                        "the task source failed at position " + results.size() + ": " + e, e);
                return null;
            }
            int slot = results.add();
            pulledSoFar.lazySet(slot + 1);
            ProcResult immediate = refuse(task, slot);
            if (immediate == null && busy.incrementAndGet() >= loops && loops < cap) {
                loops++;
                alive.incrementAndGet();
                Thread.ofVirtual().name("jconcurrent-worker-" + loops).start(this::workerLoop);
            }
            return new Pulled(slot, task, immediate);
        } finally {
            sourceLock.unlock();
        }
    }

    /** Runs one task on the calling worker loop, whose handle stands for the task meanwhile. */
    private void runOne(int slot, Task task, TaskHandle handle) {
        handle.bind(Thread.currentThread());
        ProcResult result;
        try {
            if (stopAll != null) {
                handle.stop(stopAll);
            }
            result = execute(task, handle);
        } finally {
            handle.bind(null);
            busy.decrementAndGet();
        }
        Thread.interrupted(); // a late stop request must not leak into the listener or the next task
        record(slot, result);
    }

    /** Stops running tasks and starts no more; each gets a result marked {@link StopReason#CANCELLED}. */
    void cancel() {
        stopEverything(StopReason.CANCELLED);
    }

    /** Results so far, in input order; tasks not finished yet are absent. */
    List<ProcResult> resultsSoFar() {
        return results.soFar();
    }

    private void stopEverything(StopReason reason) {
        if (stopAll == null) {
            stopAll = reason;
        }
        for (TaskHandle h : handles) {
            h.stop(reason);
        }
    }

    /** A result for a task that must not run (bad key, or the batch is stopping), else null. */
    private ProcResult refuse(Task task, int slot) {
        if (task == null) {
            return Results.notStarted(new Task("#" + slot, null), clock, System.nanoTime(), Status.FAILED,
                    StopReason.NONE, "task at position " + slot + " is null", new IllegalArgumentException("null task"));
        }
        Object earlier = seenKeys == null ? null : seenKeys.add(task.key());
        if (earlier != null) {
            String msg = "duplicate task key " + BatchConfig.describe(task.key()) + " at position " + slot
                    + BatchConfig.printsAlikeNote(task.key(), earlier);
            return Results.notStarted(task, clock, System.nanoTime(), Status.FAILED, StopReason.NONE, msg,
                    new IllegalArgumentException(msg));
        }
        StopReason stop = stopAll != null ? stopAll : startNoMore;
        if (stop != null) {
            return notStarted(task, stop);
        }
        return null;
    }

    private ProcResult notStarted(Task task, StopReason stop) {
        return Results.notStarted(task, clock, System.nanoTime(), Status.CANCELLED, stop, switch (stop) {
            case FAIL_FAST -> "not started: another task failed (fail-fast)";
            case HALT -> "not started: the batch halted";
            default -> "not started: the batch was cancelled";
        }, null);
    }

    /** Gives each remaining task of a list a not-started result; a lazy source is simply left. */
    private void drainUnstarted() {
        if (!config.eager()) {
            return;
        }
        StopReason stop = stopAll != null ? stopAll : startNoMore != null ? startNoMore : StopReason.CANCELLED;
        while (pending.hasNext()) {
            Task task = pending.next();
            record(results.add(), notStarted(task, stop));
        }
    }

    /** Runs a task to its result on the calling thread. */
    private ProcResult execute(Task task, TaskHandle handle) {
        try {
            return driver.run(task, handle);
        } catch (RuntimeException | Error e) {
            // An engine defect: still give the task a result rather than lose the batch.
            return Results.notStarted(task, clock, System.nanoTime(), Status.FAILED, StopReason.NONE,
                    "internal error in jconcurrent: " + e, e);
        }
    }

    private void record(int slot, ProcResult result) {
        results.set(slot, result);
        events.counted(result);
        countForHalt(result);
        if (config.listener() != null) {
            try {
                config.listener().onResult(result);
            } catch (RuntimeException e) {
                EngineLog.warn("the result listener failed for task " + result.key() + ": " + e, e);
            }
        }
    }

    /** Counts a final result and halts the batch if the {@link Halt} condition is now met. */
    private void countForHalt(ProcResult result) {
        Halt halt = config.halt();
        if (halt.when() == Halt.When.NEVER) {
            return;
        }
        switch (result.status()) {
            case FAILED, TIMED_OUT -> failed.incrementAndGet();
            case SUCCEEDED -> succeeded.incrementAndGet();
            case CANCELLED -> {
                return; // stopped by the batch: counts for nothing
            }
        }
        long soFar = config.eager() ? ((List<?>) config.tasks()).size() : pulledSoFar.get();
        if (halt.reached(failed.get(), succeeded.get(), soFar)) {
            StopReason reason = halt.isFailFast() ? StopReason.FAIL_FAST : StopReason.HALT;
            if (halt.when() == Halt.When.NOW) {
                stopEverything(reason);
            } else if (startNoMore == null) {
                startNoMore = reason;
            }
        }
    }

    private void finishOne() {
        if (alive.decrementAndGet() == 0) {
            try {
                driver.close();
            } catch (Exception e) {
                EngineLog.warn("closing the batch's placement failed: " + e, e);
            }
            Throwable failure = sourceFailure;
            List<ProcResult> all = failure == null ? results.all() : null;
            events.batchEnded(failure); // before the batch's future completes, so it is in a recording stopped then
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(all);
            }
        }
    }
}
