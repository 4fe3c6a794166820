package io.jconcurrent.internal;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run of a batch; results land in input order and go to the listener as each task ends.
 *
 * <p>With a worker cap, up to {@code workers} long-lived virtual threads each loop: pull the next task,
 * run it, record its result. A loop is the permit: a task is pulled only by a free worker, which keeps
 * memory flat for lazy sources of any length, and a new loop is started only when a task has been
 * pulled and fewer loops than the cap exist. Without a cap, a dispatcher on a virtual thread pulls
 * every task and starts each on a virtual thread of its own.
 */
final class Batch {

    private final BatchConfig config;
    private final TaskRunner runner;
    private final Semaphore permits;
    private final CompletableFuture<List<ProcResult>> done = new CompletableFuture<>();
    private final Map<Integer, TaskHandle> running = new ConcurrentHashMap<>();
    private final ReentrantLock resultsLock = new ReentrantLock();
    private final List<ProcResult> results = new ArrayList<>();
    /** Tasks started and not yet finished, plus one for the dispatcher while it runs. */
    private final AtomicInteger inFlight = new AtomicInteger(1);
    private final long startNanos = System.nanoTime();
    private volatile StopReason stopAll;
    private volatile Thread dispatcher;
    private volatile Throwable sourceFailure;
    /** Worker-loop state (capped batches), guarded by {@link #sourceLock}. */
    private final ReentrantLock sourceLock = new ReentrantLock();
    private Iterator<Task> pending;
    private Set<Object> seenKeys;
    private int nextSlot;
    private boolean sourceEnded;
    /** Worker loops started so far; written under {@link #sourceLock}. */
    private volatile int loops = 1;

    Batch(BatchConfig config, TaskRunner runner) {
        this.config = config;
        this.runner = runner;
        this.permits = config.workers() == 0 ? null : new Semaphore(config.workers());
    }

    /** Starts the work; the future completes with every task's result, in input order. */
    CompletableFuture<List<ProcResult>> start() {
        if (config.workers() > 0) {
            pending = config.tasks().iterator();
            seenKeys = config.eager() ? null : new HashSet<>();
            Thread.ofVirtual().name("jconcurrent-worker-1").start(this::workerLoop);
            return done;
        }
        Thread t = Thread.ofVirtual().name("jconcurrent-dispatcher").unstarted(this::dispatch);
        dispatcher = t;
        t.start();
        return done;
    }

    /**
     * One worker (capped batches): pulls and runs tasks until the source is empty or the batch stops.
     * Counted in {@link #inFlight} from before it starts until it ends.
     */
    private void workerLoop() {
        try {
            while (true) {
                Pulled next = pull();
                if (next == null) {
                    return;
                }
                if (next.immediate() != null) {
                    record(next.slot(), next.immediate());
                    continue;
                }
                if (loops < config.workers()) {
                    startLoop();
                }
                runOne(next.slot(), next.task(), sinceStart());
            }
        } catch (Throwable e) {
            sourceFailure = e; // an engine defect: fail the batch's future rather than hang
        } finally {
            finishOne();
        }
    }

    /** Starts one more worker loop; called by a worker loop, so the batch cannot finish meanwhile. */
    private void startLoop() {
        sourceLock.lock();
        try {
            if (loops >= config.workers() || sourceEnded) {
                return;
            }
            loops++;
            inFlight.incrementAndGet();
            Thread.ofVirtual().name("jconcurrent-worker-" + loops).start(this::workerLoop);
        } finally {
            sourceLock.unlock();
        }
    }

    /** A task taken from the source, with its slot, or the result it gets without running. */
    private record Pulled(int slot, Task task, ProcResult immediate) {
    }

    /** The next task for a worker loop, or null when there is none to run (source ended, or stopping). */
    private Pulled pull() {
        sourceLock.lock();
        try {
            if (sourceEnded) {
                return null;
            }
            if (stopAll != null) {
                sourceEnded = true;
                drainUnstarted(pending, nextSlot);
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
                        "the task source failed at position " + nextSlot + ": " + e, e);
                return null;
            }
            int slot = nextSlot++;
            addSlot();
            return new Pulled(slot, task, refuse(task, slot, seenKeys));
        } finally {
            sourceLock.unlock();
        }
    }

    /** Runs one task on the calling worker loop, which stands for the task's handle meanwhile. */
    private void runOne(int slot, Task task, Duration wait) {
        TaskHandle handle = new TaskHandle();
        handle.bind(Thread.currentThread());
        running.put(slot, handle);
        if (stopAll != null) {
            handle.stop(stopAll);
        }
        ProcResult result = execute(slot, task, handle, wait);
        record(slot, result);
    }

    /** Stops running tasks and starts no more; each gets a result marked {@link StopReason#CANCELLED}. */
    void cancel() {
        stopEverything(StopReason.CANCELLED);
    }

    /** Results so far, in input order; tasks not finished yet are absent. */
    List<ProcResult> resultsSoFar() {
        resultsLock.lock();
        try {
            return results.stream().filter(r -> r != null).toList();
        } finally {
            resultsLock.unlock();
        }
    }

    private void stopEverything(StopReason reason) {
        if (stopAll == null) {
            stopAll = reason;
        }
        Thread d = dispatcher;
        if (d != null) {
            d.interrupt();
        }
        for (TaskHandle h : running.values()) {
            h.stop(reason);
        }
    }

    private void dispatch() {
        try {
            Iterator<Task> source = config.tasks().iterator();
            Set<Object> lazyKeys = config.eager() ? null : new HashSet<>();
            int position = 0;
            while (true) {
                if (stopAll != null) {
                    drainUnstarted(source, position);
                    break;
                }
                if (permits != null) {
                    try {
                        permits.acquire();
                    } catch (InterruptedException e) {
                        drainUnstarted(source, position);
                        break;
                    }
                }
                Task task;
                try {
                    if (!source.hasNext()) {
                        releasePermit();
                        break;
                    }
                    task = source.next();
                } catch (RuntimeException e) {
                    releasePermit();
                    sourceFailure = new IllegalStateException(
                            "the task source failed at position " + position + ": " + e, e);
                    break;
                }
                int slot = position++;
                addSlot();
                ProcResult immediate = refuse(task, slot, lazyKeys);
                if (immediate != null) {
                    record(slot, immediate);
                    releasePermit();
                    continue;
                }
                startTask(slot, task);
            }
        } catch (Throwable e) {
            sourceFailure = e;
        } finally {
            finishOne();
        }
    }

    /** A result for a task that must not run (bad key, or the batch is stopping), else null. */
    private ProcResult refuse(Task task, int slot, Set<Object> lazyKeys) {
        Duration wait = sinceStart();
        if (task == null) {
            return ResultBuilder.notStarted(new Task("#" + slot, null), wait, Status.FAILED, StopReason.NONE,
                    "task at position " + slot + " is null", new IllegalArgumentException("null task"));
        }
        if (lazyKeys != null && !lazyKeys.add(task.key())) {
            String msg = "duplicate task key " + BatchConfig.describe(task.key()) + " at position " + slot;
            return ResultBuilder.notStarted(task, wait, Status.FAILED, StopReason.NONE, msg,
                    new IllegalArgumentException(msg));
        }
        StopReason stop = stopAll;
        if (stop != null) {
            return notStarted(task, stop);
        }
        return null;
    }

    private ProcResult notStarted(Task task, StopReason stop) {
        return ResultBuilder.notStarted(task, sinceStart(), Status.CANCELLED, stop,
                stop == StopReason.FAIL_FAST ? "not started: another task failed (fail-fast)"
                        : "not started: the batch was cancelled", null);
    }

    /** Gives each remaining task of a list a not-started result; a lazy source is simply left. */
    private void drainUnstarted(Iterator<Task> source, int position) {
        if (!config.eager()) {
            return;
        }
        StopReason stop = stopAll != null ? stopAll : StopReason.CANCELLED;
        while (source.hasNext()) {
            Task task = source.next();
            int slot = position++;
            addSlot();
            record(slot, notStarted(task, stop));
        }
    }

    private void startTask(int slot, Task task) {
        TaskHandle handle = new TaskHandle();
        Duration wait = sinceStart();
        inFlight.incrementAndGet();
        Thread t = Thread.ofVirtual().unstarted(() -> runTask(slot, task, handle, wait));
        handle.bind(t);
        running.put(slot, handle);
        if (stopAll != null) {
            handle.stop(stopAll);
        }
        t.start();
    }

    private void runTask(int slot, Task task, TaskHandle handle, Duration wait) {
        ProcResult result = execute(slot, task, handle, wait);
        record(slot, result);
        releasePermit();
        finishOne();
    }

    /** Runs a task to its result on the calling thread, which is left uninterrupted afterwards. */
    private ProcResult execute(int slot, Task task, TaskHandle handle, Duration wait) {
        ProcResult result;
        try {
            if (config.verbose()) {
                System.out.println("task " + task.key() + " " + task.arg() + " " + config.timeout().toMillis() / 1000.0);
            }
            result = runner.run(task, wait, handle);
        } catch (RuntimeException | Error e) {
            // An engine defect: still give the task a result rather than lose the batch.
            result = ResultBuilder.notStarted(task, wait, Status.FAILED, StopReason.NONE,
                    "internal error in jconcurrent: " + e, e);
        } finally {
            running.remove(slot);
        }
        Thread.interrupted(); // a late stop request must not leak into the listener or the next task
        return result;
    }

    private void addSlot() {
        resultsLock.lock();
        try {
            results.add(null);
        } finally {
            resultsLock.unlock();
        }
    }

    private void record(int slot, ProcResult result) {
        resultsLock.lock();
        try {
            results.set(slot, result);
        } finally {
            resultsLock.unlock();
        }
        if (config.failFast() && (result.status() == Status.FAILED || result.status() == Status.TIMED_OUT)) {
            stopEverything(StopReason.FAIL_FAST);
        }
        if (config.listener() != null) {
            try {
                config.listener().onResult(result);
            } catch (RuntimeException e) {
                System.err.println("jconcurrent: result listener failed for task " + result.key() + ": " + e);
            }
        }
    }

    private void releasePermit() {
        if (permits != null) {
            permits.release();
        }
    }

    private void finishOne() {
        if (inFlight.decrementAndGet() == 0) {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("jconcurrent: closing the task runner failed: " + e);
            }
            List<ProcResult> all;
            resultsLock.lock();
            try {
                all = List.copyOf(results);
            } finally {
                resultsLock.unlock();
            }
            Throwable failure = sourceFailure;
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(all);
            }
        }
    }

    private Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
