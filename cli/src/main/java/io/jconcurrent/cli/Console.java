package io.jconcurrent.cli;

import java.io.PrintStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CLI's stdout and stderr, and the one lock under which whole blocks are written to them, so that
 * one task's output is never mixed with another's or cut by the progress bar.
 */
final class Console {

    final PrintStream out;
    final PrintStream err;
    // A lock, not synchronized: writers are the tasks' virtual threads, and a write may block on a pipe.
    private final ReentrantLock lock = new ReentrantLock();
    private ProgressBar bar;

    Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Shows the bar below everything else written from now on. */
    void attach(ProgressBar bar) {
        locked(() -> this.bar = bar);
    }

    /** Runs {@code action} holding the console, without touching the bar. */
    void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code writes} alone on the console: the bar (if any) is erased first and drawn again after. */
    void write(Runnable writes) {
        locked(() -> {
            if (bar != null) {
                bar.clear();
            }
            writes.run();
            out.flush();
            err.flush();
            if (bar != null) {
                bar.redraw();
            }
        });
    }
}
