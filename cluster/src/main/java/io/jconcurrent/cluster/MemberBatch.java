package io.jconcurrent.cluster;

import io.jconcurrent.Placement;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.RunnerBuilder;
import io.jconcurrent.Status;
import io.jconcurrent.StopReason;
import io.jconcurrent.Task;
import io.jconcurrent.Work;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One submitter's batch on one machine (a member, or the submitter's own with include-local): the
 * tasks it is sent run through the local engine's public API, as lazily fed local batches (a chain of
 * them, {@link #segmentTasks} tasks each, so that memory stays bounded), so tree kill, output caps and
 * worker JVMs behave exactly as on one machine.
 *
 * <p>Thread-safety: {@link #submit}, {@link #kill} and {@link #close} may be called from any thread.
 */
final class MemberBatch {

    /** How long a blocked pull waits before it looks again whether the batch was closed. */
    private static final long POLL_MILLIS = 50;

    private final BatchSpec spec;
    private final Semaphore permits;
    /**
     * Tasks waiting for a slot, lowest input position first: deliveries arrive on concurrent executor
     * threads in any order, and a task re-queued after a member was lost (a low position) goes first.
     */
    private final PriorityBlockingQueue<Entry> queue = new PriorityBlockingQueue<>(16,
            java.util.Comparator.comparingLong(e -> e.message().seq()));
    /** Tasks given to the local engine, by the identity of their key object. */
    private final Map<Object, Entry> started = Collections.synchronizedMap(new IdentityHashMap<>());
    /** The local batches (segments) not ended yet; each ended one is dropped with all it kept. */
    private final java.util.Set<CompletableFuture<java.util.List<ProcResult>>> segments =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.function.Supplier<RunnerBuilder<ProcRunAsync>> runner;
    private volatile boolean closed;

    /**
     * How many tasks one local batch takes before the next one takes over: a local batch keeps its
     * results until it ends, so a long batch on a member runs as a chain of local batches and the
     * member's memory stays bounded (worker JVMs are restarted at each change).
     */
    static volatile int segmentTasks = 10_000;

    private record Entry(TaskMessage message, Task task, Consumer<ProcResult> onDone) {
    }

    private MemberBatch(BatchSpec spec, Semaphore permits, int workers, Map<String, String> extraEnvironment,
                        ClassLoader loader) {
        this.spec = spec;
        this.permits = permits;
        Work work = workOf(spec, loader);
        Map<String, String> env = new HashMap<>(spec.environment());
        env.putAll(extraEnvironment);
        this.runner = () -> {
            RunnerBuilder<ProcRunAsync> b = ProcRunAsync.builder()
                    .work(work)
                    .workers(workers)
                    .timeoutFor(task -> timeoutOf(task))
                    .killGrace(Duration.ofMillis(spec.killGraceMillis()))
                    .output(spec.output().toPolicy())
                    .listener(this::finished)
                    .workerJvmOptions(spec.workerJvmOptions())
                    .placement(spec.inWorkerJvm() ? Placement.WORKER_JVM : Placement.IN_PROCESS);
            if (!env.isEmpty()) {
                b.environment(env);
            }
            if (spec.directory() != null) {
                b.directory(Path.of(spec.directory()));
            }
            return b;
        };
        startSegment();
    }

    /** Starts the next local batch, which takes tasks from the queue until it has taken its share. */
    private void startSegment() {
        CompletableFuture<java.util.List<ProcResult>> f = runner.get().lazyTasks(this::pull).build().runAll();
        segments.add(f);
        f.whenComplete((r, e) -> segments.remove(f));
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

    /** Queues one task; {@code onDone} gets its result (key and arg as sent), exactly once. */
    void submit(TaskMessage message, Consumer<ProcResult> onDone) {
        Entry e = new Entry(message, new Task(message.key(), message.arg()), onDone);
        if (closed) {
            onDone.accept(notStarted(e, "not started: the batch was stopped on this member"));
            return;
        }
        queue.add(e);
        if (closed && queue.remove(e)) {
            onDone.accept(notStarted(e, "not started: the batch was stopped on this member"));
        }
    }

    /** Stops the batch's running tasks (their whole trees) and starts no more; each still gets a result. */
    void kill() {
        closed = true;
        for (CompletableFuture<?> f : java.util.List.copyOf(segments)) {
            f.cancel(true);
        }
        drainQueue();
    }

    /** No more tasks will come: the local batch ends when its running tasks do. */
    void close() {
        closed = true;
        drainQueue();
    }

    /** Starts no more tasks and answers none that wait (a simulated crash); running ones go on. */
    void freeze() {
        closed = true;
    }

    /** Completes when every task given to the local engine has its result. */
    CompletableFuture<?> ended() {
        return CompletableFuture.allOf(segments.stream().map(f -> f.handle((r, e) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private void drainQueue() {
        Entry e;
        while ((e = queue.poll()) != null) {
            e.onDone().accept(notStarted(e, "not started: the batch was stopped on this member"));
        }
    }

    private Duration timeoutOf(Task task) {
        Entry e = started.get(task.key());
        return e == null ? Duration.ZERO : Duration.ofMillis(e.message().timeoutMillis());
    }

    private void finished(ProcResult result) {
        Entry e = started.remove(result.key());
        if (e == null) {
            return; // not one of ours (cannot happen: every pulled task is registered first)
        }
        permits.release();
        e.onDone().accept(result);
    }

    /** The local engine's lazy source: blocks until a task is queued and a slot free, or the batch closes. */
    private Iterator<Task> pull() {
        return new Iterator<>() {
            private Entry next;
            private int taken;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    try {
                        if (closed) {
                            return false;
                        }
                        if (taken >= segmentTasks) {
                            startSegment(); // the next local batch takes over; this one ends with its tasks
                            return false;
                        }
                        Entry e = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        if (e == null) {
                            continue;
                        }
                        // A slot on this machine, shared with its other batches.
                        while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                            if (closed) {
                                e.onDone().accept(notStarted(e, "not started: the batch was stopped on this member"));
                                return false;
                            }
                        }
                        if (closed) { // stopped while this task waited for a slot: it must not start now
                            permits.release();
                            e.onDone().accept(notStarted(e, "not started: the batch was stopped on this member"));
                            return false;
                        }
                        started.put(e.task().key(), e);
                        taken++;
                        next = e;
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
                Task t = next.task();
                next = null;
                return t;
            }
        };
    }

    private static ProcResult notStarted(Entry e, String why) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new ProcResult(e.task().key(), e.task().arg(), now, 0, 0, Status.CANCELLED, StopReason.CANCELLED, -1,
                "", "", false, false, null, why, null);
    }
}
