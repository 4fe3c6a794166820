package io.jconcurrent.internal.worker;

/** What the engine does with worker processes: register them for the JVM's exit, and kill trees. */
interface ProcessControl {
    /** A worker process is about to be started (so that a JVM exit from now on can find it). */
    default void beforeStart() {
    }

    /** A worker process was started. */
    void started(Process process);

    /** Whether worker processes lead their own session (so their leftovers can be found by it). */
    boolean ownSession();

    /** Kill the process and everything it started. */
    void killTree(Process process);

    /** A worker process is gone for good. */
    void ended(Process process);
}
