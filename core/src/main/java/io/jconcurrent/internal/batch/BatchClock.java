package io.jconcurrent.internal.batch;

import java.time.Instant;

/**
 * A batch's wall clock, read off the monotonic clock: one paired reading of both at the batch's start,
 * after which a task's start time costs one {@link System#nanoTime()} and no {@link Instant}. Times
 * stay consistent with the durations measured on the same clock; a step of the system clock during
 * the batch is not followed.
 */
public final class BatchClock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Instant start;
    private final long startNanos;
    private final long startEpochNanos;

    BatchClock() {
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
        this.startEpochNanos = epochNanos(start);
    }

    /** The batch's start on the wall clock. */
    Instant start() {
        return start;
    }

    /** The batch's start on the monotonic clock ({@link System#nanoTime()}). */
    long startNanos() {
        return startNanos;
    }

    /** The wall-clock time, in nanoseconds since the epoch, of a {@link System#nanoTime()} reading. */
    long epochNanos(long nanoTime) {
        return startEpochNanos + (nanoTime - startNanos);
    }

    /** Nanoseconds since the epoch of {@code instant}, as {@code ProcResult} keeps its start. */
    public static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }
}
