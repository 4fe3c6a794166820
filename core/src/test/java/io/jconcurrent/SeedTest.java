package io.jconcurrent;

import io.jconcurrent.testing.RunnerKind;
import io.jconcurrent.testing.SeedCases;
import java.util.stream.Stream;

/** The seed's own test list ({@link SeedCases}) over each runner and built-in placement. */
class SeedTest extends SeedCases {

    @Override
    protected Stream<RunnerKind> kinds() {
        return LocalRunnerKind.all();
    }
}
