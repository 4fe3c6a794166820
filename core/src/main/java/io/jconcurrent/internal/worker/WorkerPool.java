package io.jconcurrent.internal.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * At most {@code cap} worker JVMs for one batch. A task leases an idle worker, or starts one itself if
 * the pool is below its cap (so the first tasks of a batch start their workers in parallel, each on its
 * own thread), or, when every worker is busy with quick tasks ({@link WorkerProcess#isQuick}), queues
 * behind the least loaded one, up to {@link #QUEUE_DEPTH} tasks a worker: then a worker never waits for
 * the parent between two tasks, which is what a round trip per task costs. Otherwise it waits for a
 * worker to come back. Workers are reused until the batch ends; one that was killed, crashed or retired
 * frees its place, and the next task that needs a worker starts a fresh one.
 *
 * <p>If a worker fails to start (a bad JVM option, a function the worker cannot load), every later
 * lease fails at once with the same cause instead of starting doomed JVMs one after another.
 */
final class WorkerPool {

    private final int cap;
    private final List<String> command;
    private final byte[] init;
    private final ProcessControl control;
    private final ClassLoader loader;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Tasks at most in one worker at once: the running one and those queued behind it. */
    static final int QUEUE_DEPTH = 32;

    /** Ready workers, the longest-serving first; each with its {@link WorkerProcess#load}. */
    private final List<WorkerProcess> ready = new ArrayList<>();
    private final Set<WorkerProcess> all = new HashSet<>();
    private int places;
    private boolean closed;
    private WorkerStartException startFailure;

    WorkerPool(int cap, List<String> command, byte[] init, ProcessControl control, ClassLoader loader) {
        this.cap = cap;
        this.command = command;
        this.init = init;
        this.control = control;
        this.loader = loader;
    }

    /**
     * A ready worker for one task; give it back with {@link #release} or {@link #discard}.
     *
     * @param mayQueue whether the task may queue behind others in a busy worker (its payload is small)
     */
    WorkerProcess lease(Consumer<Runnable> onStop, boolean mayQueue) throws InterruptedException, WorkerStartException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new WorkerStartException("the worker pool is closed");
                }
                WorkerProcess idle = null;
                for (int i = 0; i < ready.size() && idle == null; i++) {
                    WorkerProcess w = ready.get(i);
                    if (w.load == 0) {
                        if (w.isAlive() && !w.isDone()) {
                            idle = w;
                        } else { // it died or retired while idle
                            forget(w);
                            i--;
                            Thread.startVirtualThread(() -> w.awaitExitOrKill(0)); // clean up after it
                        }
                    }
                }
                if (idle != null) {
                    idle.load++;
                    return idle;
                }
                if (startFailure != null) {
                    throw startFailure;
                }
                if (places < cap) {
                    places++;
                    break;
                }
                WorkerProcess least = null;
                if (mayQueue) {
                    for (WorkerProcess w : ready) {
                        if (w.load < QUEUE_DEPTH && w.isQuick() && !w.isDone() && (least == null || w.load < least.load)) {
                            least = w;
                        }
                    }
                }
                if (least != null) {
                    least.load++;
                    return least;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
        return startOne(onStop);
    }

    private WorkerProcess startOne(Consumer<Runnable> onStop) throws InterruptedException, WorkerStartException {
        WorkerProcess w = null;
        try {
            w = WorkerProcess.start(command, init, control, loader);
            register(w);
            w.awaitReady(onStop);
            becameReady(w);
            return w;
        } catch (IOException e) {
            giveUpPlace(null, new WorkerStartException("cannot start a worker JVM: " + e.getMessage()));
            throw startFailureOr(e);
        } catch (WorkerStartException e) {
            giveUpPlace(w, e);
            throw e;
        } catch (InterruptedException e) {
            giveUpPlace(w, null); // awaitReady has killed it
            throw e;
        }
    }

    private WorkerStartException startFailureOr(IOException e) {
        lock.lock();
        try {
            return startFailure != null ? startFailure : new WorkerStartException("cannot start a worker JVM: " + e);
        } finally {
            lock.unlock();
        }
    }

    private void register(WorkerProcess w) throws WorkerStartException {
        lock.lock();
        try {
            all.add(w);
            if (closed) {
                w.closeInput();
                throw new WorkerStartException("the worker pool is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    private void becameReady(WorkerProcess w) throws WorkerStartException {
        lock.lock();
        try {
            w.load = 1;
            ready.add(w);
            if (closed) {
                throw new WorkerStartException("the worker pool is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    private void giveUpPlace(WorkerProcess w, WorkerStartException failure) {
        lock.lock();
        try {
            if (w != null) {
                all.remove(w);
            }
            places--;
            if (failure != null && startFailure == null) {
                startFailure = failure;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One task is done with a healthy worker: its place in the worker is free for the next task. */
    void release(WorkerProcess w) {
        lock.lock();
        try {
            w.load--;
            if (closed) {
                if (w.load <= 0) {
                    w.closeInput();
                }
                return;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a dead, killed or retiring worker out of the pool; its place goes to a fresh one when needed. */
    void discard(WorkerProcess w) {
        lock.lock();
        try {
            forget(w);
        } finally {
            lock.unlock();
        }
    }

    private void forget(WorkerProcess w) {
        ready.remove(w);
        if (all.remove(w)) {
            places--;
            changed.signalAll();
        }
    }

    /**
     * Ends every worker: each gets end of input and exits by itself (killing what its tasks left), and
     * any still alive after {@code millis} is killed. Returns when all are gone.
     */
    void close(long millis) {
        List<WorkerProcess> workers;
        lock.lock();
        try {
            closed = true;
            workers = new ArrayList<>(all);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        workers.forEach(WorkerProcess::closeInput);
        workers.forEach(w -> w.awaitExitOrKill(millis));
    }
}
