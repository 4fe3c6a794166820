package io.jconcurrent.cli;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of finished tasks, for the exit status and {@code --halt}. */
final class RunStats implements ResultSink {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong succeededButCut = new AtomicLong();

    @Override
    public void accept(Finished f) {
        (f.result().success() ? succeeded : failed).incrementAndGet();
        if (f.result().success() && (f.result().stdoutTruncated() || f.result().stderrTruncated())) {
            succeededButCut.incrementAndGet();
        }
    }

    /** Tasks that succeeded but whose output was not printed whole. */
    long succeededButCut() {
        return succeededButCut.get();
    }

    long succeeded() {
        return succeeded.get();
    }

    /** Tasks that finished without succeeding: failed, timed out, or stopped. */
    long failed() {
        return failed.get();
    }
}
