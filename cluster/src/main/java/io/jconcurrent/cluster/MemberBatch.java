package io.jconcurrent.cluster;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.RunnerBuilder;
import io.jconcurrent.RunningTask;
import io.jconcurrent.Task;
import io.jconcurrent.Work;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One submitter's batch on one machine (a member, or the submitter's own with include-local): the tasks
 * it is sent run through the local engine's public API, as one lazily fed local batch that keeps no
 * results, so tree kill, output caps and worker JVMs behave exactly as on one machine and memory stays
 * flat. The local batch keys each task by a number of its own, so a task the submitter's engine runs
 * again is simply a new task here, while a function is still called with the task's own key (sent with
 * it); a stop order for one task reaches it through {@link StoppableTask}.
 *
 * <p>Thread-safety: {@link #submit}, {@link #stopTask}, {@link #kill} and {@link #close} may be called
 * from any thread.
 */
final class MemberBatch {

    /** How long a blocked pull waits before it looks again whether the batch was closed. */
    private static final long POLL_MILLIS = 50;
    private static final String STOPPED_HERE = "not started: the batch was stopped on this member";

    private final Semaphore permits;
    /**
     * Tasks waiting for a slot, lowest input position first: deliveries arrive on concurrent executor
     * threads in any order, and a task re-queued after a member was lost (a low position) goes first.
     */
    private final PriorityBlockingQueue<Entry> queue = new PriorityBlockingQueue<>(16,
            java.util.Comparator.comparingLong(e -> e.message.seq()));
    /** Tasks given to the local engine, by their local name. */
    private final Map<Long, Entry> started = new ConcurrentHashMap<>();
    /** Every task here not yet answered, by the submitter's name for it. */
    private final Map<Long, Entry> bySeq = new ConcurrentHashMap<>();
    private final AtomicLong localNames = new AtomicLong();
    /**
     * The runs received so far, by the submitter's number (dense, from 1): each comes to a member at
     * most once, so one that comes again is a replay and is refused. One bit per run.
     */
    private final java.util.BitSet received = new java.util.BitSet();
    private final OutputSpec output;
    /**
     * Tasks whose stop order came before the task itself (stops travel on another executor than tasks,
     * and may overtake them), or after its answer left: such a task is answered as not started.
     */
    private final java.util.Set<Long> stoppedFirst = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<List<ProcResult>> local;
    /** Results not yet taken by an exchange. */
    private final Outbox outbox = new Outbox();
    /**
     * Tasks that ended here and whose results the submitter has not acknowledged: each keeps its slot (a
     * permit) until then, so that at most {@code workers} tasks here are started and unacknowledged, and
     * a member lost at any moment leaves at most that many to run again. Guarded by itself.
     */
    private final java.util.Set<Long> unacknowledged = new java.util.HashSet<>();
    /** Set once the batch is over or killed here: slots are then freed as tasks end, unacknowledged. */
    private boolean slotsReleased;
    private volatile boolean closed;

    /** One task here, from its arrival to its answer. */
    private static final class Entry {
        final TaskMessage message;
        final Consumer<Ended> onDone;
        volatile StoppableTask running;
        volatile boolean stopRequested;
        private final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();

        Entry(TaskMessage message, Consumer<Ended> onDone) {
            this.message = message;
            this.onDone = onDone;
        }

        void answer(Ended end) {
            if (answered.compareAndSet(false, true)) {
                onDone.accept(end);
            }
        }
    }

    private MemberBatch(BatchSpec spec, Semaphore permits, int workers, Map<String, String> extraEnvironment,
                        ClassLoader loader) {
        this.permits = permits;
        this.output = spec.output();
        Work work = workOf(spec, loader);
        Map<String, String> env = new HashMap<>(spec.environment());
        env.putAll(extraEnvironment);
        Placement base = spec.inWorkerJvm() ? Placement.WORKER_JVM : Placement.IN_PROCESS;
        RunnerBuilder<ProcRunAsync> b = ProcRunAsync.builder()
                .work(work)
                .workers(workers)
                .timeoutFor(this::timeoutOf)
                .killGrace(Duration.ofMillis(spec.killGraceMillis()))
                .output(OutputPolicy.capture(2)) // the output goes to each task's RawCapture instead
                .listener(this::finished)
                .retainResults(false)
                .workerJvmOptions(spec.workerJvmOptions())
                .placement(batch -> new Stoppable(base.open(batch)));
        if (!env.isEmpty()) {
            b.environment(env);
        }
        if (spec.directory() != null) {
            b.directory(Path.of(spec.directory()));
        }
        local = b.lazyTasks(this::pull).build().runAll();
    }

    /**
     * Opens a batch here.
     *
     * @param permits          this machine's task slots, shared by all its batches
     * @param workers          the most tasks of this batch at once
     * @param extraEnvironment added to every command's environment (the watchdog's marker)
     * @throws IllegalArgumentException if the function class cannot be loaded or made here, or the
     *                                  directory does not exist; the message names them
     */
    static MemberBatch open(BatchSpec spec, Semaphore permits, int workers, Map<String, String> extraEnvironment,
                            ClassLoader loader) {
        if (spec.directory() != null && !Path.of(spec.directory()).toFile().isDirectory()) {
            throw new IllegalArgumentException("working directory " + spec.directory() + " does not exist");
        }
        return new MemberBatch(spec, permits, workers, extraEnvironment, loader);
    }

    private static Work workOf(BatchSpec spec, ClassLoader loader) {
        if (spec.isCommand()) {
            return new Work.Command(spec.argv());
        }
        return new Work.Call(FunctionClass.instantiate(spec.functionClass(), loader), spec.fixedArgs());
    }

    /**
     * The local engine's launcher, with each task made stoppable by a stop order for it alone, and started
     * under the key it came with (the local batch keys it by a number of its own).
     */
    private final class Stoppable implements Placement.Launcher {
        private final Placement.Launcher launcher;

        Stoppable(Placement.Launcher launcher) {
            this.launcher = launcher;
        }

        @Override
        public RunningTask start(Placement.Launch launch) {
            Entry e = started.get((Long) launch.task().key());
            Duration grace = e == null ? launch.killGrace() : Duration.ofMillis(e.message.killGraceMillis());
            RawCapture out = new RawCapture(output.limitBytes(), output.headOnly());
            RawCapture err = new RawCapture(output.limitBytes(), output.headOnly());
            // The local batch names the run by its own number; a function is called with the task's own key.
            Task task = e == null || e.message.key() == null ? launch.task()
                    : new Task(e.message.key(), launch.task().arg());
            StoppableTask t = new StoppableTask(launcher.start(new Placement.Launch(task, launch.attempt(),
                    launch.timeout(), launch.killGrace(), out, err)), grace, out, err);
            if (e != null) {
                e.running = t;
                if (e.stopRequested) {
                    t.requestStop();
                }
            }
            return t;
        }

        @Override
        public int tasksPerWorker() {
            return launcher.tasksPerWorker();
        }

        @Override
        public boolean capturesOutput() {
            return launcher.capturesOutput();
        }

        @Override
        public void close() {
            launcher.close();
        }
    }

    /** Queues one task; {@code onDone} gets how it ended, exactly once. */
    void submit(TaskMessage message, Consumer<Ended> onDone) {
        Entry e = new Entry(message, onDone);
        synchronized (received) {
            long seq = message.seq();
            if (seq < 0 || seq >= Integer.MAX_VALUE || received.get((int) seq)) {
                e.answer(Ended.notStarted("refused: run " + seq + " of this batch was already received here"
                        + " (a replayed message?)", false));
                return;
            }
            received.set((int) seq);
        }
        if (closed) {
            e.answer(Ended.notStarted(STOPPED_HERE, true));
            return;
        }
        bySeq.put(message.seq(), e);
        if (stoppedFirst.remove(message.seq())) {
            answer(e, Ended.notStarted("not started: stopped before it reached this member", true));
            return;
        }
        queue.add(e);
        if (closed && queue.remove(e)) {
            answer(e, Ended.notStarted(STOPPED_HERE, true));
        }
    }

    /** Stops one task (its whole tree) if it is here; a task still queued is answered as not started. */
    void stopTask(long seq) {
        Entry e = bySeq.get(seq);
        if (e == null) {
            stoppedFirst.add(seq);
            e = bySeq.get(seq); // it may have come meanwhile, past its check of stoppedFirst
            if (e == null) {
                return;
            }
            stoppedFirst.remove(seq);
        }
        e.stopRequested = true;
        if (queue.remove(e)) {
            answer(e, Ended.notStarted("not started: stopped before it started on this member", true));
            return;
        }
        StoppableTask t = e.running;
        if (t != null) {
            t.requestStop();
        }
    }

    /** Stops the batch's running tasks (their whole trees) and starts no more; each still gets an answer. */
    void kill() {
        closed = true;
        local.cancel(true);
        drainQueue();
        releaseSlots();
    }

    /** No more tasks will come: the local batch ends when its running tasks do. */
    void close() {
        closed = true;
        drainQueue();
        releaseSlots();
        outbox.close();
    }

    /** The submitter has received these tasks' results: their slots are free. Unknown ones are ignored. */
    void acknowledge(long[] seqs) {
        synchronized (unacknowledged) {
            for (long seq : seqs) {
                if (unacknowledged.remove(seq)) {
                    permits.release();
                }
            }
        }
    }

    /** Results not yet taken by an exchange. */
    Outbox outbox() {
        return outbox;
    }

    /** No task of this batch will start here again: the slots its unacknowledged results hold are freed. */
    private void releaseSlots() {
        synchronized (unacknowledged) {
            slotsReleased = true;
            permits.release(unacknowledged.size());
            unacknowledged.clear();
        }
    }

    /** Starts no more tasks and answers none that wait (a simulated crash); running ones go on. */
    void freeze() {
        closed = true;
    }

    /** Completes when every task given to the local engine has its result. */
    CompletableFuture<?> ended() {
        return local.handle((r, e) -> null);
    }

    private void drainQueue() {
        Entry e;
        while ((e = queue.poll()) != null) {
            answer(e, Ended.notStarted(STOPPED_HERE, true));
        }
    }

    private void answer(Entry e, Ended end) {
        bySeq.remove(e.message.seq(), e);
        e.answer(end);
    }

    private Duration timeoutOf(Task task) {
        Entry e = started.get((Long) task.key());
        return e == null ? Duration.ZERO : Duration.ofMillis(e.message.timeoutMillis());
    }

    private void finished(ProcResult result) {
        Entry e = started.remove((Long) result.key());
        if (e == null) {
            return; // not one of ours (cannot happen: every pulled task is registered first)
        }
        synchronized (unacknowledged) {
            if (slotsReleased) {
                permits.release();
            } else {
                unacknowledged.add(e.message.seq());
            }
        }
        StoppableTask t = e.running;
        answer(e, t == null ? Ended.of(null, result, RawCapture.Kept.NOTHING, RawCapture.Kept.NOTHING)
                : Ended.of(t.endSeen(), result, t.stdout(), t.stderr()));
    }

    /** The local engine's lazy source: blocks until a task is queued and a slot free, or the batch closes. */
    private Iterator<Task> pull() {
        return new Iterator<>() {
            private Task next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    try {
                        if (closed) {
                            return false;
                        }
                        Entry e = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        if (e == null) {
                            continue;
                        }
                        // A slot on this machine, shared with its other batches.
                        while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                            if (closed || e.stopRequested) {
                                answer(e, Ended.notStarted(STOPPED_HERE, true));
                                if (closed) {
                                    return false;
                                }
                                e = null;
                                break;
                            }
                        }
                        if (e == null) {
                            continue;
                        }
                        if (closed || e.stopRequested) { // stopped while it waited for a slot: it must not start
                            permits.release();
                            answer(e, Ended.notStarted(STOPPED_HERE, true));
                            if (closed) {
                                return false;
                            }
                            continue;
                        }
                        Long name = localNames.incrementAndGet();
                        started.put(name, e);
                        next = new Task(name, e.message.arg());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Task next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Task t = next;
                next = null;
                return t;
            }
        };
    }
}
