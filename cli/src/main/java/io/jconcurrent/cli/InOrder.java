package io.jconcurrent.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --keep-order}: passes results on in the order their tasks started (which is input order),
 * each as soon as every earlier one has been passed on, holding back the rest.
 */
final class InOrder implements ResultSink {

    private final ResultSink next;
    private final Map<Long, Finished> waiting = new TreeMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private long expected;

    InOrder(ResultSink next) {
        this.next = next;
    }

    @Override
    public void accept(Finished finished) {
        lock.lock();
        try {
            waiting.put(finished.job().order(), finished);
            Finished f;
            while ((f = waiting.remove(expected)) != null) {
                next.accept(f);
                expected++;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finish() {
        lock.lock();
        try {
            // Only a task whose result never came (which the engine rules out) leaves a gap; show the rest anyway.
            waiting.values().forEach(next::accept);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        next.finish();
    }
}
