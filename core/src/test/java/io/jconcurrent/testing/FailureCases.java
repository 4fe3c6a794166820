package io.jconcurrent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.util.List;
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
