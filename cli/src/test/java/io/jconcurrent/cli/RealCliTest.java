package io.jconcurrent.cli;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the real CLI shares: a scratch directory, a marker that tags every process the
 * test starts, a {@link Cli} to run {@code bin/jconcurrent} with both, and the check that nothing
 * the test started is left running.
 */
abstract class RealCliTest {

    @TempDir
    Path dir;
    final String marker = ProcessLeaks.newMarker();
    Cli cli;

    @BeforeEach
    void startWithACli() {
        cli = new Cli(dir, marker);
    }

    @AfterEach
    void nothingLeft() {
        ProcessLeaks.assertNoneLeft(marker);
    }
}
