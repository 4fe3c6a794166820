package io.jconcurrent.cli;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Job slot numbers ({@code {%}}, {@code PARALLEL_JOBSLOT}): each starting task takes the lowest slot
 * not in use, from 1 to the number of jobs, and gives it back when it ends, as in GNU parallel. The
 * engine pulls a task only when a worker is free, but may do so just before the ended task's result
 * has given its slot back: {@link #take} then waits for it, briefly (at most a second, after which it
 * hands out a slot past the number of jobs rather than hold the run up).
 */
final class JobSlots {

    private final int jobs;
    private final boolean tracked;
    private final BitSet used = new BitSet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();

    /**
     * @param jobs    the most tasks running at once; 0 = no limit
     * @param tracked whether slots are numbered at all; if not, every task gets slot 0 at once
     */
    JobSlots(int jobs, boolean tracked) {
        this.jobs = jobs;
        this.tracked = tracked;
    }

    /** The lowest free slot, now taken; waits if all are in use. */
    int take() throws InterruptedException {
        if (!tracked) {
            return 0;
        }
        lock.lock();
        try {
            long wait = TimeUnit.SECONDS.toNanos(1);
            while (true) {
                int slot = used.nextClearBit(1);
                if (jobs == 0 || slot <= jobs || wait <= 0) {
                    used.set(slot);
                    return slot;
                }
                wait = freed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back. */
    void give(int slot) {
        if (!tracked) {
            return;
        }
        lock.lock();
        try {
            used.clear(slot);
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
