package io.jconcurrent.internal.batch;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;
import io.jconcurrent.TaskTimeout;
import java.time.Duration;
import java.util.Collections;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A batch's {@link TaskTimeout} at work: each task's limit as it starts, and, for a percentage of the
 * median, the run times of the tasks that succeeded so far (two heaps, so that each run costs
 * O(log n) however long the batch). Thread-safe.
 */
final class TaskLimits {

    private static final long MIN_MEDIAN_LIMIT_NANOS = 1_000_000L;

    private final TaskTimeout policy;
    /** Read once: {@link #limitFor} and {@link #ended} run for every task. */
    private final boolean none;
    private final boolean median;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The lower half of the run times (largest first) and the upper half (smallest first); null unless
     * the policy is a percentage of the median (classes a fresh JVM would otherwise load for nothing).
     */
    private final PriorityQueue<Long> lower;
    private final PriorityQueue<Long> upper;

    TaskLimits(TaskTimeout policy) {
        this.policy = policy;
        this.none = policy instanceof TaskTimeout.None;
        this.median = !none && policy instanceof TaskTimeout.PercentOfMedian; // a class not loaded if not used
        this.lower = median ? new PriorityQueue<>(Collections.reverseOrder()) : null;
        this.upper = median ? new PriorityQueue<>() : null;
    }

    /** Whether any task may get a limit (the kill path is then warmed up early). */
    boolean any() {
        return !none;
    }

    /** The limit of {@code task}, starting now; zero = none. */
    Duration limitFor(Task task) {
        // An if-chain, not a type switch: this runs at every task's start, the first in a fresh JVM.
        if (none) {
            return Duration.ZERO;
        } else if (policy instanceof TaskTimeout.Fixed f) {
            return f.limit();
        } else if (policy instanceof TaskTimeout.PerTask p) {
            Duration d = p.limitForTask().apply(task);
            return d == null || d.isNegative() ? Duration.ZERO : d;
        } else if (policy instanceof TaskTimeout.PercentOfMedian m) {
            long median = median();
            return median < 0 ? Duration.ZERO
                    : Duration.ofNanos(Math.max(MIN_MEDIAN_LIMIT_NANOS, Math.round(median * m.percent() / 100.0)));
        }
        return Duration.ZERO;
    }

    /** Takes note of a finished run: a success's run time feeds the median. */
    void ended(ProcResult result) {
        if (!median || !result.success()) {
            return;
        }
        long nanos = result.timeRunNanos();
        lock.lock();
        try {
            if (lower.isEmpty() || nanos <= lower.peek()) {
                lower.add(nanos);
            } else {
                upper.add(nanos);
            }
            if (lower.size() > upper.size() + 1) {
                upper.add(lower.poll());
            } else if (upper.size() > lower.size()) {
                lower.add(upper.poll());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The median run time of the successes so far, or -1 if none. */
    private long median() {
        lock.lock();
        try {
            if (lower.isEmpty()) {
                return -1;
            }
            return lower.size() > upper.size() ? lower.peek() : (lower.peek() + upper.peek()) / 2;
        } finally {
            lock.unlock();
        }
    }
}
