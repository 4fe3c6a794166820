package io.jconcurrent;

import java.time.Duration;

/**
 * A task a {@link Placement.Launcher} has started: the engine waits for it, stops it, and asks how it
 * ended. Part of the placement service-provider interface; users of the runners never see one.
 *
 * <p>The engine calls every method but {@link #abortWait()} from the task's own thread, one at a time:
 * {@link #awaitStart()}, {@link #awaitEnd} (perhaps twice, with {@link #prepareStop()} between), then,
 * if the task has not ended, {@link #stop}; then {@link #end()}. {@link #abortWait()} comes from
 * another thread, when the batch stops the task; it is in place before {@link #awaitStart()}.
 * Thread-safety: so an implementation need be safe only for {@code abortWait} racing with the others.
 */
public interface RunningTask {

    /**
     * Waits until the task runs, or has ended without running: the place for a wait that a stop must
     * be able to cut short (for a free worker JVM, for a remote member to accept the task), as
     * {@link Placement.Launcher#start} returns before it. The default returns at once (the task was
     * started by {@code start}).
     *
     * @throws InterruptedException if the batch stopped the task first; it did not run
     */
    default void awaitStart() throws InterruptedException {
    }

    /**
     * {@return when the task began running, on {@link System#nanoTime()}'s clock} Valid once
     * {@link #awaitStart()} has returned: its timeout counts from here, and the time before it is its
     * queue wait.
     */
    long startNanos();

    /**
     * Waits until the task ends or {@link System#nanoTime()} reaches {@code untilNanos}
     * ({@link Long#MAX_VALUE}: no limit). When it returns true the task has ended and everything it
     * printed has been written to its streams.
     *
     * <p>A placement that cannot wait with a limit without ending the task (one that reads its replies
     * on the waiting thread) may begin stopping it at {@code untilNanos}; it must then return 0 from
     * {@link #lookAheadNanos()}, so that the limit it gets is always the deadline.
     *
     * @param untilNanos when to stop waiting, on {@link System#nanoTime()}'s clock
     * @return true if the task has ended, false if {@code untilNanos} came first
     * @throws InterruptedException if the batch is stopping the task ({@link #stop} follows)
     */
    boolean awaitEnd(long untilNanos) throws InterruptedException;

    /**
     * {@return how long before its deadline, in nanoseconds, the task would like {@link #prepareStop()}
     * to be called; 0 (the default) for never}
     */
    default long lookAheadNanos() {
        return 0;
    }

    /**
     * Called {@link #lookAheadNanos()} before the deadline of a task still running, so that a stop at
     * the deadline starts at once (a command looks at its process tree here).
     */
    default void prepareStop() {
    }

    /**
     * Makes a blocked {@link #awaitStart()} or {@link #awaitEnd} return (by ending the task if need
     * be), for a task the batch is
     * stopping; called from another thread, perhaps more than once, perhaps after the task ended. The
     * engine interrupts the waiting thread as well, which is enough where the wait is interruptible
     * (the default does nothing else). Must be quick and must not throw.
     */
    default void abortWait() {
    }

    /**
     * {@return the pid of the process the task runs in (a command's, or the worker JVM's that runs a
     * function), or -1 (the default) if there is none or it is not known here} Asked once
     * {@link #awaitEnd} or {@link #stop} has returned, for diagnostics only: the task's Flight Recorder
     * event carries it.
     */
    default long pid() {
        return -1;
    }

    /**
     * Stops the task: asks it to end, gives it up to {@code grace}, then ends it by force. Returns once
     * it has ended and its output is complete. Called at most once, and only if {@link #awaitEnd} did not
     * return true.
     *
     * @param grace how long the task may take to end once asked
     */
    void stop(Duration grace);

    /** {@return how the task ended} Valid once {@link #awaitEnd} returned true or {@link #stop} returned. */
    TaskEnd end();

    /**
     * A task that has already ended, without running, as {@link Placement.Launcher#start} returns for
     * one that cannot start; its start is now.
     *
     * @param end how it ended
     * @return the ended task
     * @throws NullPointerException if {@code end} is null
     */
    static RunningTask ended(TaskEnd end) {
        java.util.Objects.requireNonNull(end, "end");
        long now = System.nanoTime();
        return new RunningTask() {
            @Override
            public long startNanos() {
                return now;
            }

            @Override
            public boolean awaitEnd(long untilNanos) {
                return true;
            }

            @Override
            public void stop(Duration grace) {
            }

            @Override
            public TaskEnd end() {
                return end;
            }
        };
    }
}
