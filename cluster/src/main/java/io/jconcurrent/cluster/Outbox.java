package io.jconcurrent.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A member's results for one batch that no exchange has taken yet, and the one exchange that waits for
 * them: the submitter keeps an exchange waiting here while it has tasks on the member, so a result
 * leaves as soon as it is ready, and every result ready by then leaves in the same message. A newer
 * exchange ends an older one's wait (it answers with what there is, perhaps nothing), so the submitter
 * can send new tasks at any time.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
final class Outbox {

    /** One task's result: {@code end} null if the member is leaving and did not finish it. */
    record Item(long seq, int attempt, Ended end) {
    }

    private final List<Item> items = new ArrayList<>();
    private long newest;
    private boolean closed;

    synchronized void add(long seq, int attempt, Ended end) {
        items.add(new Item(seq, attempt, end));
        notifyAll();
    }

    /**
     * Takes every ready result; if there is none and {@code wait} is set, first waits up to
     * {@code maxMillis} for one, until a newer take comes, or until the outbox is closed.
     */
    synchronized List<Item> take(boolean wait, long maxMillis) throws InterruptedException {
        long mine = ++newest;
        notifyAll();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (wait && items.isEmpty() && newest == mine && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<Item> out = List.copyOf(items);
        items.clear();
        return out;
    }

    /** Ends every wait now and from now on (the batch is over here). */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
