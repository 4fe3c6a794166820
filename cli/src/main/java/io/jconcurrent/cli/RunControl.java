package io.jconcurrent.cli;

/**
 * Stops a run from outside its thread: a signal (Ctrl-C, SIGTERM, SIGHUP), a closed stdout, or
 * {@code --halt now}. Stopping
 * closes the task feed (nothing more starts) and interrupts the thread waiting for the batch, which
 * makes the engine stop every running task's process tree and hand back every result.
 */
final class RunControl {

    private volatile Thread thread;
    private volatile TaskFeed feed;
    private volatile int signal;
    private volatile boolean stdoutFailed;

    /** Marks the calling thread as the one running {@code feed}'s batch. */
    void begin(TaskFeed feed) {
        this.feed = feed;
        this.thread = Thread.currentThread();
    }

    /** Marks the batch as over; later stops have nothing to stop. */
    void end() {
        thread = null;
    }

    /** Stops the run: no more tasks start and running ones are stopped. */
    void stopNow() {
        TaskFeed f = feed;
        if (f != null) {
            f.close();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Stops the run because of a signal.
     *
     * @return false if there is no batch running to stop, or a signal already stopped it
     */
    boolean stopBySignal(int signalNumber) {
        if (signal != 0) {
            return false;
        }
        signal = signalNumber;
        boolean running = thread != null;
        stopNow();
        return running;
    }

    /** The number of the signal that stopped the run, or 0. */
    int signal() {
        return signal;
    }

    /** Stops the run because stdout cannot be written to (other than a closed pipe). */
    void stopBecauseStdoutFailed() {
        stdoutFailed = true;
        stopNow();
    }

    /**
     * The exit status, given the one the run computed: a signal's (a broken pipe's included) if one
     * stopped the run, even after the batch ended, {@link ExitCode#ERROR} if stdout failed.
     */
    int exitStatus(int computed) {
        if (signal != 0) {
            return ExitCode.forSignal(signal);
        }
        return stdoutFailed ? ExitCode.ERROR.status() : computed;
    }
}
