package io.jconcurrent.internal.worker;

import java.io.IOException;
import java.util.ArrayDeque;
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
 * own thread), or waits for one to come back. Workers are reused until the batch ends; one that was
 * killed, crashed or retired frees its place, and the next task that needs a worker starts a fresh one.
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
    private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>();
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

    /** A ready worker for one task; give it back with {@link #release} or {@link #discard}. */
    WorkerProcess lease(Consumer<Runnable> onStop) throws InterruptedException, WorkerStartException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new WorkerStartException("the worker pool is closed");
                }
                WorkerProcess w = idle.pollFirst();
                if (w != null) {
                    if (w.isAlive()) {
                        return w;
                    }
                    forget(w);
                    WorkerProcess dead = w;
                    Thread.startVirtualThread(() -> dead.awaitExitOrKill(0)); // clean up after it
                    continue;
                }
                if (startFailure != null) {
                    throw startFailure;
                }
                if (places < cap) {
                    places++;
                    break;
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

    /** Returns a healthy worker for the next task (most recently used first, so warm ones stay busy). */
    void release(WorkerProcess w) {
        lock.lock();
        try {
            if (closed) {
                w.closeInput();
                return;
            }
            idle.addFirst(w);
            changed.signal();
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
            idle.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        workers.forEach(WorkerProcess::closeInput);
        workers.forEach(w -> w.awaitExitOrKill(millis));
    }
}
