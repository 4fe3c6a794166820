package io.jconcurrent.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;

/**
 * The root of the shared behaviour suite: each case is a {@code @ParameterizedTest} over
 * {@link #kinds()}, which the concrete test class supplies (one instance per class, so that the
 * source may be an instance method). The functions of cases meant for every kind are public static
 * classes with no state, so that they can travel as a class name to JVMs that share the class path
 * (a cluster refuses lambdas); only the cases that meet the test in its memory use lambdas, and they
 * run only where {@link RunnerKind#functionsRunInThisJvm()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BehaviourCases {

    /** The kinds every case of this class runs over. */
    protected abstract Stream<RunnerKind> kinds();

    /**
     * The kinds for the cases about where a task runs rather than which runner runs it (what a
     * command's exit or a missing program becomes): one kind per placement is enough. Default: every
     * kind of {@link #kinds()}.
     */
    protected Stream<RunnerKind> placementKinds() {
        return kinds();
    }
}
