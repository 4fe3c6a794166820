package io.jconcurrent.internal.worker;

/** What the engine does with worker processes: register them for the JVM's exit, and kill trees. */
interface ProcessControl {
    /** A worker process is about to be started (so that a JVM exit from now on can find it). */
    default void beforeStart() {
    }

    /** A worker process was started. */
    void started(Process process);

    /** Kill the process and everything it started; {@code ownSession} if it leads its own session. */
    void killTree(Process process, boolean ownSession);

    /** A worker process is gone for good. */
    void ended(Process process);
}
