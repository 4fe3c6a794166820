package io.jconcurrent.cli;

import io.jconcurrent.ProcResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** {@code --timeline FILE}: collects each task's bar as it ends, and draws them all when the run ends. */
final class TimelineSink implements ResultSink {

    private final Path file;
    private final List<Timeline.Bar> bars = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    TimelineSink(Path file) {
        this.file = file;
    }

    @Override
    public void accept(Finished f) {
        ProcResult r = f.result();
        Timeline.Outcome outcome = switch (r.status()) {
            case SUCCEEDED -> Timeline.Outcome.OK;
            case TIMED_OUT -> Timeline.Outcome.TIMED_OUT;
            case CANCELLED -> Timeline.Outcome.CANCELLED;
            default -> Timeline.Outcome.FAILED;
        };
        String detail = r.cause() != null && !r.success() ? r.cause() : "exit " + r.returnCode();
        Timeline.Bar bar = new Timeline.Bar(f.job().slot(), String.valueOf(f.input().key()), f.command(),
                r.timeStart().getEpochSecond() + r.timeStart().getNano() / 1e9, r.timeRun().toNanos() / 1e9, outcome,
                detail);
        lock.lock();
        try {
            bars.add(bar);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finish() {
        lock.lock();
        try {
            new Timeline(bars).write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the timeline " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
