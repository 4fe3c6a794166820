package io.jconcurrent.cli;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of finished tasks, for the exit status and {@code --halt}. */
final class RunStats implements ResultSink {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public void accept(Finished f) {
        (f.result().success() ? succeeded : failed).incrementAndGet();
    }

    long succeeded() {
        return succeeded.get();
    }

    /** Tasks that finished without succeeding: failed, timed out, or stopped. */
    long failed() {
        return failed.get();
    }
}
