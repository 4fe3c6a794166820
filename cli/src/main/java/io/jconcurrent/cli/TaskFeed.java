package io.jconcurrent.cli;

import io.jconcurrent.Task;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The engine's lazy task source: input tasks, minus those a resumed joblog says are done. The engine
 * asks for the next task only when a worker is free, and reruns a failed one itself ({@code --retries}
 * is the engine's {@code Retry}). {@link #close()} makes it end at once (halt, signal).
 *
 * <p>The engine sees each task under its own key (the input's); the feed keeps the {@link Job} each
 * started task runs as until its final result, for {@link #job}.
 *
 * <p>One thread (the engine's dispatcher) iterates; {@link #job}, {@link #ended} and {@link #close} may be
 * called from any thread.
 */
final class TaskFeed implements Iterable<Task>, Iterator<Task> {

    private final Iterator<TaskInput> input;
    private final Predicate<TaskInput> skip;
    private final CommandTemplate template;
    private final JobSlots slots;
    private final StartGate gate;
    private final StartGate.Turns turns;
    private volatile java.util.function.Consumer<Job> onStart;
    private final long declaredTotal;
    private final ReentrantLock lock = new ReentrantLock();
    /** The started tasks without a final result yet, by key. */
    private final Map<Object, Job> running = new ConcurrentHashMap<>();
    private Task peeked;
    private long outstanding;
    private long started;
    private boolean inputDone;
    private boolean closed;

    /**
     * @param input         the tasks in input order
     * @param skip          which input tasks not to run (done in a resumed joblog)
     * @param template      the command each task's values go into
     * @param slots         the job slots tasks take as they start
     * @param gate          what holds a start back (--delay, --memfree, --load)
     * @param declaredTotal how many tasks {@code input} will yield and are not skipped, or -1 if unknown
     */
    TaskFeed(Iterator<TaskInput> input, Predicate<TaskInput> skip, CommandTemplate template, JobSlots slots,
            StartGate gate, long declaredTotal) {
        this.gate = gate;
        this.turns = gate.turns();
        this.input = input;
        this.skip = skip;
        this.template = template;
        this.slots = slots;
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
        Job run = nextJob();
        if (run == null) {
            return false;
        }
        // The gate and the slot are waited for outside the lock: results take the lock meanwhile.
        Task task = gate.isOpen() || turns.await(this::isClosed) ? task(run) : null;
        if (task == null) {
            lock.lock();
            try {
                outstanding--;
            } finally {
                lock.unlock();
            }
            return false;
        }
        peeked = task;
        return true;
    }

    /** The next input task to start, counted as outstanding; null at the end. */
    private Job nextJob() {
        lock.lock();
        try {
            if (closed || inputDone) {
                return null;
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
                return null;
            }
            if (closed) {
                return null;
            }
            outstanding++;
            return new Job(next, started++, 0);
        } finally {
            lock.unlock();
        }
    }

    /** The task for an input task, in the lowest free job slot; null if interrupted waiting for one. */
    private Task task(Job run) {
        int slot;
        try {
            slot = slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Job job = new Job(run.input(), run.order(), slot);
        running.put(run.input().key(), job);
        started(job);
        String stdin = run.input().stdin() == null ? null : RawText.fromText(run.input().stdin().toString());
        return new Task(run.input().key(), TaskArgv.of(template.args(job.args(), stdin), run.input().arg()));
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

    /** Tells those who watch starts ({@link #onStart}) that {@code job} starts: first, or once more (a retry). */
    void started(Job job) {
        java.util.function.Consumer<Job> action = onStart;
        if (action != null) {
            action.accept(job);
        }
    }

    /** The job a started task runs as, by the task's key, until its final result has been handled. */
    Job job(Object key) {
        Job job = running.get(key);
        if (job == null) {
            throw new IllegalStateException("no started task has the key " + key);
        }
        return job;
    }

    /** Records that a task ended, with its final result. */
    void ended(Job job) {
        running.remove(job.input().key());
        lock.lock();
        try {
            outstanding--;
        } finally {
            lock.unlock();
        }
    }

    /** Calls {@code action} with each task as it starts, and again as each retry of it starts (-t). */
    void onStart(java.util.function.Consumer<Job> action) {
        java.util.function.Consumer<Job> before = this.onStart;
        this.onStart = before == null ? action : before.andThen(action);
    }

    /** Gives the run's job slot back (first thing when its result comes, so that the next task can start). */
    void freeSlot(Job job) {
        slots.give(job.slot());
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
