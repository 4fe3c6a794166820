package io.jconcurrent.testing;

import io.jconcurrent.ProcResult;
import io.jconcurrent.RunnerBuilder;
import java.util.List;
import java.util.function.Consumer;

/**
 * One way to run a batch (a runner and a placement), over which the shared behaviour suite runs: the
 * abstract {@code *Cases} classes of this package take their kinds from their subclass, so that a
 * module with a placement of its own (the cluster) proves the same behaviours without a copy of them.
 * Core supplies its runners and built-in placements; the cluster module its members.
 *
 * <p>A kind also says where its functions run and what its placement cannot do, so that a case
 * that depends on it runs only where it means something, and says why through a JUnit assumption
 * elsewhere; a case never passes by doing nothing.
 */
public interface RunnerKind {

    /**
     * Builds a runner of this kind, lets {@code configure} set it up, runs it and returns the results.
     *
     * @param configure sets the batch up; it must not choose a placement
     * @return one result per task, in input order
     */
    List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception;

    /**
     * Whether function tasks run in this JVM, so that they can meet the test in memory (a latch, a
     * counter); false where they run in other JVMs.
     */
    boolean functionsRunInThisJvm();

    /**
     * Whether an exception a function throws comes back as itself (its own class); false where it comes
     * back as a stand-in that names its class and keeps its message.
     */
    default boolean exceptionsKeepTheirClass() {
        return true;
    }
}
