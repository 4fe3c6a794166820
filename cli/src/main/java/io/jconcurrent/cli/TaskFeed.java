package io.jconcurrent.cli;

import io.jconcurrent.Task;
import io.jconcurrent.ProcResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The engine's lazy task source: input tasks, minus those a resumed joblog says are done. Each task
 * goes to the engine under its own key; the feed remembers which input and which place in the order of
 * starting each handed-out task has, until {@link #finished} takes it back with the task's final
 * result (the engine runs retries itself). {@link #close()} makes it end at once (halt, signal).
 *
 * <p>One thread (the engine's dispatcher) iterates; {@link #finished} and {@link #close} may be called
 * from any thread.
 */
final class TaskFeed implements Iterable<Task>, Iterator<Task> {

    /** A task handed to the engine: its input, its place in the order of starting, and its args. */
    private record Launched(TaskInput input, long order, Object args) {
    }

    private final Iterator<TaskInput> input;
    private final Predicate<TaskInput> skip;
    private final CommandTemplate template;
    private final long declaredTotal;
    private final ReentrantLock lock = new ReentrantLock();
    /** Handed out and not finished, by key (keys that repeat are told apart by their args object). */
    private final ConcurrentHashMap<Object, List<Launched>> launched = new ConcurrentHashMap<>();
    private Task peeked;
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
        lock.lock();
        try {
            if (closed || inputDone) {
                return false;
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
                return false;
            }
            if (closed) {
                return false;
            }
            Object args = template.argsFor(next.arg());
            Launched l = new Launched(next, started++, args);
            launched.compute(next.key(), (k, v) -> {
                List<Launched> list = v != null ? v : new ArrayList<>(1);
                list.add(l);
                return list;
            });
            peeked = new Task(next.key(), args);
            return true;
        } finally {
            lock.unlock();
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
     * Takes back the task a final result is of: its input, which run this was, its place in the order.
     *
     * @throws IllegalStateException if no handed-out task has that key and args
     */
    Attempt finished(ProcResult result) {
        Launched[] found = new Launched[1];
        launched.computeIfPresent(result.key(), (k, list) -> {
            for (Iterator<Launched> it = list.iterator(); it.hasNext(); ) {
                Launched l = it.next();
                if (l.args() == result.arg()) {
                    found[0] = l;
                    it.remove();
                    break;
                }
            }
            return list.isEmpty() ? null : list;
        });
        if (found[0] == null) {
            throw new IllegalStateException("a result for a task this run did not start: " + result.key());
        }
        return new Attempt(found[0].input(), result.attempt(), found[0].order());
    }

    /** Ends the feed: no task not yet handed out will be. */
    void close() {
        lock.lock();
        try {
            closed = true;
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
