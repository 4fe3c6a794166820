package io.jconcurrent.internal.process;

import java.util.List;

/**
 * Sends signals to the processes of one task: its whole process group in one call, then single
 * processes one by one, each signal of a sequence to all of them before the next. A group signalled
 * in one call has no moment in which some of its members have the signal and others do not, so a
 * shell cannot see its child die and run its next command before its own signal arrives.
 *
 * <p>Two implementations: the C library's {@code kill} through the direct spawner's binding (Java
 * 22+, native access), and, without native access, one run of {@code /bin/sh} whose {@code kill}
 * builtin does the same calls in the same order (one exec per sequence).
 */
interface ProcessSignals {

    /** Signal names, as the shell's {@code kill -s} takes them; numbers as on Linux (x86-64, AArch64). */
    enum Signal {
        STOP(19), CONT(18), TERM(15), KILL(9);

        final int number;

        Signal(int number) {
            this.number = number;
        }
    }

    /**
     * For each signal of {@code sequence} in turn: sends it to process group {@code group} (if it is
     * above 1) in one call, then to each live process of {@code each}. A process that is gone is
     * skipped ({@link ProcessHandle#isAlive()} checks its start time, so a reused pid is not signalled).
     */
    void send(List<Signal> sequence, long group, List<ProcessHandle> each);
}
