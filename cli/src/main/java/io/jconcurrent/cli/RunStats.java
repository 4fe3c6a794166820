package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of finished tasks, for the exit status and {@code --halt}. */
final class RunStats implements ResultSink {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong succeededButCut = new AtomicLong();
    private final AtomicLong failedInJconcurrent = new AtomicLong();

    @Override
    public void accept(Finished f) {
        (f.result().success() ? succeeded : failed).incrementAndGet();
        if (f.result().success() && (f.result().stdoutTruncated() || f.result().stderrTruncated())) {
            succeededButCut.incrementAndGet();
        }
        if (failedInJconcurrent(f.result())) {
            failedInJconcurrent.incrementAndGet();
        }
    }

    /**
     * Whether the engine could not run the task through (an error of jconcurrent's own, such as running
     * out of memory): the task may have run, but its result is not known.
     */
    static boolean failedInJconcurrent(ProcResult r) {
        return r.exception() instanceof VirtualMachineError
                || r.cause() != null && r.cause().startsWith("internal error in jconcurrent");
    }

    /** Tasks whose result jconcurrent lost to a failure of its own. */
    long failedInJconcurrent() {
        return failedInJconcurrent.get();
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
