package io.jconcurrent.internal.process;

/**
 * A process that can tell a death by signal N from an exit with status 128 + N, which the JDK's
 * {@link Process#exitValue()} reports alike. The direct spawner's processes can (they keep the wait
 * status); through the JDK's launcher, the signal is inferred from the exit value.
 */
interface KnowsSignal {

    /** The signal that ended the process, or 0 if it exited by itself; valid once it has ended. */
    int terminatingSignal();

    /** The signal that ended {@code process}, exactly where it is known, else inferred from {@code exitValue}. */
    static int of(Process process, int exitValue) {
        if (process instanceof KnowsSignal k) {
            return k.terminatingSignal();
        }
        return exitValue > 128 && exitValue < 128 + 65 ? exitValue - 128 : 0;
    }
}
