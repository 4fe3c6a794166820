package io.jconcurrent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What holds the next task back, as GNU parallel's {@code --delay}, {@code --memfree} and
 * {@code --load}: a minimum time between task starts; no start while the memory available (Linux's
 * {@code MemAvailable}) is below a size; no start while more processes than a limit are runnable
 * (Linux's instant count from {@code /proc/loadavg}, which parallel also uses rather than the 1-minute
 * average that lags by minutes). Running tasks are never touched.
 *
 * @param delay      the least time between two starts; zero for none
 * @param memFree    the least memory available for a start, in bytes; 0 for no check
 * @param maxRunning a start needs fewer runnable processes than this (besides jconcurrent's reading
 *                   thread); 0 for no check
 */
record StartGate(Duration delay, long memFree, int maxRunning) {

    /** No gate. */
    static final StartGate OPEN = new StartGate(Duration.ZERO, 0, 0);

    private static final long POLL_MILLIS = 100;

    boolean isOpen() {
        return delay.isZero() && memFree == 0 && maxRunning == 0;
    }

    /** The waiting state of one run: when the last task started. */
    final class Turns {
        private long lastStart = Long.MIN_VALUE;

        /**
         * Waits until the next task may start, and counts it as started.
         *
         * @param stop when it says true, waiting ends at once
         * @return false if waiting ended because of {@code stop} or an interrupt
         */
        boolean await(BooleanSupplier stop) {
            try {
                if (!delay.isZero() && lastStart != Long.MIN_VALUE) {
                    long until = lastStart + delay.toNanos();
                    for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                        if (stop.getAsBoolean()) {
                            return false;
                        }
                        Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
                    }
                }
                while (!resourcesAllow()) {
                    if (stop.getAsBoolean()) {
                        return false;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            lastStart = System.nanoTime();
            return !stop.getAsBoolean();
        }
    }

    Turns turns() {
        return new Turns();
    }

    private boolean resourcesAllow() {
        if (memFree > 0) {
            long available = memAvailable();
            if (available >= 0 && available < memFree) {
                return false;
            }
        }
        if (maxRunning > 0) {
            int running = runnable();
            return running < 0 || running < maxRunning;
        }
        return true;
    }

    /** MemAvailable in bytes, or -1 if it cannot be read (then memory does not hold tasks back). */
    static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no check
        }
        return -1;
    }

    /** Runnable processes now, without the one reading, or -1 if it cannot be read. */
    static int runnable() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Integer.parseInt(f[3].substring(0, f[3].indexOf('/'))) - 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
