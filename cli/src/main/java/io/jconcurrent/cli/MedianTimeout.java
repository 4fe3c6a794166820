package io.jconcurrent.cli;

import io.jconcurrent.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * {@code --timeout N%}, as GNU parallel: each task's limit is N% of the median run time of the tasks
 * that have succeeded so far, fixed when the task starts. Until one task has succeeded there is no
 * limit.
 */
final class MedianTimeout implements ResultSink, Function<Task, Duration> {

    private final double percent;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Long> sortedNanos = new ArrayList<>();

    MedianTimeout(double percent) {
        this.percent = percent;
    }

    @Override
    public void accept(Finished f) {
        if (!f.result().success()) {
            return;
        }
        long nanos = f.result().timeRun().toNanos();
        lock.lock();
        try {
            int at = Collections.binarySearch(sortedNanos, nanos);
            sortedNanos.add(at < 0 ? -at - 1 : at, nanos);
        } finally {
            lock.unlock();
        }
    }

    /** The limit for a task starting now; zero (none) while no task has succeeded. */
    @Override
    public Duration apply(Task task) {
        long median;
        lock.lock();
        try {
            int n = sortedNanos.size();
            if (n == 0) {
                return Duration.ZERO;
            }
            median = n % 2 == 1 ? sortedNanos.get(n / 2) : (sortedNanos.get(n / 2 - 1) + sortedNanos.get(n / 2)) / 2;
        } finally {
            lock.unlock();
        }
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(median * percent / 100.0)));
    }
}
