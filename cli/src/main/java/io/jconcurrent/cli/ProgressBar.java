package io.jconcurrent.cli;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code --bar}: one line on stderr, redrawn as tasks end, with the count done, how many failed, the
 * share done and an estimate of the time left (from the average pace so far). The total is shown once
 * the whole input has been read.
 */
final class ProgressBar implements ResultSink {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final Console console;
    private final LongSupplier total;
    private final long startNanos = System.nanoTime();
    private long done;
    private long failed;
    private long lastDraw;

    /** @param total the number of tasks to run, or -1 while it is not known yet */
    ProgressBar(Console console, LongSupplier total) {
        this.console = console;
        this.total = total;
    }

    @Override
    public void accept(Finished f) {
        console.locked(() -> {
            done++;
            if (!f.result().success()) {
                failed++;
            }
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                draw(now);
            }
        });
    }

    /** Draws the bar as it stands; called before the first task ends, too. */
    void start() {
        console.locked(() -> draw(System.nanoTime()));
    }

    /** Erases the bar line, so other output starts on a clean line; the caller holds the console. */
    void clear() {
        console.err.print("\r\033[K");
        console.err.flush();
    }

    /** Redraws the bar after other output; the caller holds the console. */
    void redraw() {
        draw(System.nanoTime());
    }

    @Override
    public void finish() {
        console.locked(() -> {
            draw(System.nanoTime());
            console.err.println();
            console.err.flush();
        });
    }

    private void draw(long now) {
        console.err.print("\r\033[K" + line(done, failed, total.getAsLong(), now - startNanos));
        console.err.flush();
    }

    /** The bar's text for these counts, after {@code elapsedNanos}. */
    static String line(long done, long failed, long total, long elapsedNanos) {
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(done).append('/').append(total)
                    .append(String.format(Locale.ROOT, " %3d%%", done * 100 / total));
        } else {
            sb.append(done).append(" done");
        }
        if (failed > 0) {
            sb.append(", ").append(failed).append(" failed");
        }
        if (total > 0 && done > 0 && done < total) {
            long etaSeconds = Math.round(elapsedNanos / 1e9 / done * (total - done));
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", etaSeconds / 60, etaSeconds % 60));
        } else if (total > 0 && done == total) {
            sb.append(String.format(Locale.ROOT, ", %.1f s", elapsedNanos / 1e9));
        }
        return sb.toString();
    }
}
