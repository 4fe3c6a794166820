package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import io.jconcurrent.ResultListener;
import java.util.List;

/**
 * The engine's one listener: hands each task's final result to every sink. The engine itself runs
 * retries ({@code --retries}) and halts ({@code --halt}).
 */
final class ResultHandler implements ResultListener {

    private final TaskFeed feed;
    private final CommandTemplate template;
    private final RunStats stats;
    private final List<ResultSink> sinks;

    ResultHandler(TaskFeed feed, CommandTemplate template, RunStats stats, List<ResultSink> sinks) {
        this.feed = feed;
        this.template = template;
        this.stats = stats;
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void onResult(ProcResult result) {
        Attempt attempt = feed.finished(result);
        finish(new Finished(attempt, result, template.commandLine(attempt.input().arg())));
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
        if (first != null) {
            throw first;
        }
    }
}
