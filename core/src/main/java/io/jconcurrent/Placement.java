package io.jconcurrent;

/** Where a batch's function tasks run. Commands always run as subprocesses of the calling JVM. */
public enum Placement {
    /**
     * On virtual threads of the calling JVM: cheapest, but a timeout can only interrupt the function;
     * code that ignores interrupts keeps its thread busy after its result has been delivered.
     */
    IN_PROCESS,
    /**
     * In a pool of child JVMs: the function, its args and its answer travel by serialization, and a
     * timeout or crash kills that worker, which a fresh one replaces.
     */
    WORKER_JVM
}
