package io.jconcurrent.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;

/**
 * The root of the shared behaviour suite: each case is a {@code @ParameterizedTest} over
 * {@link #kinds()}, which the concrete test class supplies (one instance per class, so that the
 * source may be an instance method). Functions the cases run are named public classes of this
 * package, with no state, so that they can travel as a class name to JVMs that share the class path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BehaviourCases {

    /** The kinds every case of this class runs over. */
    protected abstract Stream<RunnerKind> kinds();
}
