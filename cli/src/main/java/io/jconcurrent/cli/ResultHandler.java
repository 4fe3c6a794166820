package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import io.jconcurrent.ResultListener;
import io.jconcurrent.Status;
import java.util.List;

/**
 * The engine's one listener: decides whether a failed run is retried, and otherwise hands the task's
 * final result to every sink and checks {@code --halt}.
 */
final class ResultHandler implements ResultListener {

    private final TaskFeed feed;
    private final CommandTemplate template;
    private final int tries;
    private final HaltTracker halt;
    private final RunStats stats;
    private final List<ResultSink> sinks;
    private final Runnable stopNow;

    /**
     * @param tries   how many times in all a failing task is run (at least 1)
     * @param stopNow what {@code --halt now} does once its condition is met
     */
    ResultHandler(TaskFeed feed, CommandTemplate template, int tries, HaltTracker halt, RunStats stats,
            List<ResultSink> sinks, Runnable stopNow) {
        this.feed = feed;
        this.template = template;
        this.tries = Math.max(1, tries);
        this.halt = halt;
        this.stats = stats;
        this.sinks = List.copyOf(sinks);
        this.stopNow = stopNow;
    }

    /** The joblog's Host for a task run on this machine (GNU parallel's). */
    static final String LOCAL_HOST = ":";

    @Override
    public void onResult(ProcResult result) {
        onResult(result, LOCAL_HOST);
    }

    /** As {@link #onResult(ProcResult)}, for a task that ran on {@code host} (a cluster member). */
    void onResult(ProcResult result, String host) {
        Attempt attempt = (Attempt) result.key();
        feed.freeSlot(attempt);
        boolean retry = !result.success() && result.status() != Status.CANCELLED && attempt.number() < tries
                && !feed.isClosed();
        try {
            if (!retry) {
                try {
                    finish(new Finished(attempt, result, RawText.bytes(template.commandLine(attempt.job())), host));
                } finally {
                    if (attempt.input().stdin() != null) {
                        PipeBlocks.release(attempt.input().stdin()); // after the joblog has counted its bytes
                    }
                }
            } else {
                result.stdoutBytes().release(); // a retried run's output is not printed (as GNU parallel)
                result.stderrBytes().release();
            }
        } finally {
            feed.ended(attempt, retry);
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
        HaltTracker.Action action = halt.finished(f, tasksSoFar(), Math.max(0, feed.running() - 1));
        if (action != HaltTracker.Action.NONE) {
            feed.close();
            if (action == HaltTracker.Action.STOP_NOW) {
                stopNow.run();
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
