package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says when a task's output was not printed whole: cut by {@code --output-limit}, or not kept because
 * no temporary file could be written. One stderr line per such task, and the count, which makes the
 * run's exit status non-zero.
 */
final class OutputNotes {

    private final long limit;
    private final AtomicLong cutTasks = new AtomicLong();

    /** @param limit {@code --output-limit}: bytes kept of each stream; 0 = no limit */
    OutputNotes(long limit) {
        this.limit = limit;
    }

    /** The note for a task whose output was cut, counting it; null if its output is whole. */
    String cut(Finished f) {
        ProcResult r = f.result();
        long out = r.stdoutBytes().omitted();
        long err = r.stderrBytes().omitted();
        if (out == 0 && err == 0) {
            if (!r.stdoutTruncated() && !r.stderrTruncated()) {
                return null;
            }
            // text cut on a cluster member: how much is not known here
            cutTasks.incrementAndGet();
            return "jconcurrent: task " + f.input().key() + ": " + (r.stdoutTruncated() ? "stdout" : "stderr")
                    + (r.stdoutTruncated() && r.stderrTruncated() ? " and stderr" : "")
                    + " not printed whole: cut by --output-limit " + limit;
        }
        cutTasks.incrementAndGet();
        StringBuilder sb = new StringBuilder("jconcurrent: task ").append(f.input().key()).append(": ");
        if (out > 0) {
            sb.append(out).append(" bytes of stdout");
        }
        if (err > 0) {
            sb.append(out > 0 ? " and " : "").append(err).append(" bytes of stderr");
        }
        boolean byLimit = limit > 0 && (out == 0 || r.stdoutBytes().size() >= limit)
                && (err == 0 || r.stderrBytes().size() >= limit);
        sb.append(byLimit ? " not printed: cut by --output-limit " + limit
                : " not printed: no room for them in the temporary directory");
        return sb.toString();
    }

    /** How many tasks had output cut. */
    long cutTasks() {
        return cutTasks.get();
    }
}
