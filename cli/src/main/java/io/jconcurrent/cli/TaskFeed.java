package io.jconcurrent.cli;

import io.jconcurrent.Task;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The engine's lazy task source: input tasks (minus those a resumed joblog says are done), and retries
 * of failed tasks fed back in as they fail. The engine asks for the next task only when a worker is
 * free; {@link #hasNext()} blocks while there is no task yet but one may still come (a retry of a
 * running task). {@link #close()} makes it end at once (halt, signal).
 *
 * <p>One thread (the engine's dispatcher) iterates; {@link #ended} and {@link #close} may be called
 * from any thread.
 */
final class TaskFeed implements Iterable<Task>, Iterator<Task> {

    private final Iterator<TaskInput> input;
    private final Predicate<TaskInput> skip;
    private final CommandTemplate template;
    private final long declaredTotal;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Task> retries = new ArrayDeque<>();
    private Task peeked;
    private long outstanding;
    private long started;
    private boolean inputDone;
    private boolean closed;

    /**
     * @param input         the tasks in input order
     * @param skip          which input tasks not to run (done in a resumed joblog)
     * @param template      the command each task's arg goes into
     * @param declaredTotal how many tasks {@code input} will yield and are not skipped, or -1 if unknown
     */
    TaskFeed(Iterator<TaskInput> input, Predicate<TaskInput> skip, CommandTemplate template, long declaredTotal) {
        this.input = input;
        this.skip = skip;
        this.template = template;
        this.declaredTotal = declaredTotal;
    }

    /** How many tasks this run has, once known; -1 until then. */
    long knownTotal() {
        if (declaredTotal >= 0) {
            return declaredTotal;
        }
        lock.lock();
        try {
            return inputDone ? started : -1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Iterator<Task> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        if (peeked != null) {
            return true;
        }
        while (true) {
            boolean readInput;
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                Task retry = retries.poll();
                if (retry != null) {
                    peeked = retry;
                    outstanding++;
                    return true;
                }
                if (inputDone && outstanding == 0) {
                    return false;
                }
                readInput = !inputDone;
                if (!readInput) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    continue;
                }
            } finally {
                lock.unlock();
            }
            // Read outside the lock: stdin may block, and results must still get through meanwhile.
            TaskInput next = nextInput();
            lock.lock();
            try {
                if (next == null) {
                    inputDone = true;
                    continue;
                }
                if (closed) {
                    return false;
                }
                peeked = new Task(new Attempt(next, 1, started++), template.argsFor(next.arg()));
                outstanding++;
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    private TaskInput nextInput() {
        while (input.hasNext()) {
            TaskInput t = input.next();
            if (!skip.test(t)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public Task next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Task t = peeked;
        peeked = null;
        return t;
    }

    /**
     * Records that a task's run ended; if {@code retry} is true and the feed is open, the task is run
     * again (after what is already queued).
     */
    void ended(Attempt attempt, boolean retry) {
        lock.lock();
        try {
            if (retry && !closed) {
                TaskInput in = attempt.input();
                retries.add(new Task(new Attempt(in, attempt.number() + 1, attempt.order()),
                        template.argsFor(in.arg())));
            }
            outstanding--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the feed: no task not yet handed out will be. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks handed out and not yet ended (the one whose end is being handled included). */
    long running() {
        lock.lock();
        try {
            return outstanding;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks started so far (each counted once, however often retried). */
    long started() {
        lock.lock();
        try {
            return started;
        } finally {
            lock.unlock();
        }
    }
}
