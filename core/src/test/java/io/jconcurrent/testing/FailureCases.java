package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A failing task becomes a result with its cause; the rest of the batch carries on. */
public abstract class FailureCases extends BehaviourCases {

    /** Throws for the arg 2, answers the arg otherwise. */
    public static final class ThrowsForTwo implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) {
            if (args.getLast().equals(2)) {
                throw new IllegalStateException("boom " + args.getLast());
            }
            return Outcome.ok(args.getLast());
        }
    }

    /** Reports a failure with an answer that names its arg. */
    public static final class FailsSayingWhy implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) {
            return Outcome.failed("why: " + args.getLast());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void missingProgramIs127NamingThePath(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.command("/nonexistent/prog").tasks(Task.pairs(1, "a", 2, "b")));
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.returnCode()).isEqualTo(127);
            assertThat(r.cause()).contains("/nonexistent/prog");
        });
    }

    @ParameterizedTest
    @MethodSource("placementKinds")
    void programMissingFromPathIs127(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.command("no-such-program-xyz").tasks(Task.pairs(1, null)));
        assertThat(results.getFirst().returnCode()).isEqualTo(127);
        assertThat(results.getFirst().cause()).contains("no-such-program-xyz");
    }

    @ParameterizedTest
    @MethodSource("placementKinds")
    void nonExecutableProgramIs126(RunnerKind kind, @TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("not-executable.sh"), "#!/bin/sh\necho hi\n");
        List<ProcResult> results = kind.run(b -> b.command(script.toString()).tasks(Task.pairs(1, null)));
        assertThat(results.getFirst().returnCode()).isEqualTo(126);
        assertThat(results.getFirst().cause()).contains("not executable").contains(script.toString());
    }

    @ParameterizedTest
    @MethodSource("placementKinds")
    void nonZeroExitFailsThatTaskOnly(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.command("/bin/sh", "-c", "exit $1", "sh")
                .tasks(Task.pairs(1, 0, 2, 3, 3, 0)));
        assertThat(results).extracting(ProcResult::returnCode).containsExactly(0, 3, 0);
        assertThat(results.get(1).cause()).isEqualTo("exit code 3");
    }

    @ParameterizedTest
    @MethodSource("placementKinds")
    void functionReportingFailureKeepsItsAnswer(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.function(new FailsSayingWhy()).tasks(Task.pairs(1, 1)));
        assertThat(results.getFirst().success()).isFalse();
        assertThat(results.getFirst().answer()).isEqualTo("why: 1");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void throwingFunctionFailsThatTaskWithItsException(RunnerKind kind) throws Exception {
        List<ProcResult> results = kind.run(b -> b.function(new ThrowsForTwo()).tasks(Task.pairs(1, 1, 2, 2, 3, 3)));
        assertThat(results).extracting(ProcResult::success).containsExactly(true, false, true);
        if (kind.exceptionsKeepTheirClass()) {
            assertThat(results.get(1).exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom 2");
        } else { // a stand-in that names the class and keeps the message
            assertThat(results.get(1).exception())
                    .hasMessage(IllegalStateException.class.getName() + ": boom 2");
        }
        assertThat(results.get(1).timeout()).isFalse();
    }
}
