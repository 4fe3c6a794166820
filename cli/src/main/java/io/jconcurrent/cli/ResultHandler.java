package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import io.jconcurrent.ResultListener;
import io.jconcurrent.Retry;
import java.util.List;

/**
 * The engine's one listener: hands each task's final result (after the engine's retries) to every
 * sink and checks {@code --halt}; and, as the engine's per-attempt hook, lets a run that is retried go.
 */
final class ResultHandler implements ResultListener {

    private final TaskFeed feed;
    private final CommandTemplate template;
    private final HaltTracker halt;
    private final RunStats stats;
    private final List<ResultSink> sinks;

    ResultHandler(TaskFeed feed, CommandTemplate template, HaltTracker halt, RunStats stats,
            List<ResultSink> sinks) {
        this.feed = feed;
        this.template = template;
        this.halt = halt;
        this.stats = stats;
        this.sinks = List.copyOf(sinks);
    }

    /** The joblog's Host for a task run on this machine (GNU parallel's). */
    static final String LOCAL_HOST = ":";

    /**
     * {@code --retries}: the engine's {@code Retry}, with this as its hook for each run that is followed
     * by another. Such a run's output is not printed (as GNU parallel); its retry is told to those who
     * watch starts ({@code -t}, live output).
     */
    Retry retry(int tries) {
        return tries <= 1 ? Retry.none() : Retry.times(tries).onEachAttempt(this::retrying);
    }

    private void retrying(ProcResult result) {
        result.stdoutBytes().release();
        result.stderrBytes().release();
        feed.started(feed.job(result.key()));
    }

    @Override
    public void onResult(ProcResult result) {
        onResult(result, LOCAL_HOST);
    }

    /** As {@link #onResult(ProcResult)}, for a task that ran on {@code host} (a cluster member). */
    void onResult(ProcResult result, String host) {
        Job job = feed.job(result.key());
        feed.freeSlot(job);
        try {
            finish(new Finished(job, result, RawText.bytes(template.commandLine(job.args())), host));
        } finally {
            try {
                if (job.input().stdin() != null) {
                    PipeBlocks.release(job.input().stdin()); // after the joblog has counted its bytes
                }
            } finally {
                feed.ended(job);
            }
        }
    }

    /** The tasks a halt percentage is of: all of them once known, else those started so far. */
    private long tasksSoFar() {
        long total = feed.knownTotal();
        return total >= 0 ? total : feed.started();
    }

    private void finish(Finished f) {
        stats.accept(f);
        RuntimeException first = null;
        for (ResultSink sink : sinks) {
            try {
                sink.accept(f);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        // The engine halts the batch itself (it has the same Halt, and counted this result first):
        // here the halt is only told, and the feed starts no more.
        if (halt.finished(f, tasksSoFar(), Math.max(0, feed.running() - 1)) != HaltTracker.Action.NONE) {
            feed.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
