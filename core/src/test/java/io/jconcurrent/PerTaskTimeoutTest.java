package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.PerTaskTimeoutCases;
import io.jconcurrent.testing.RunnerKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link RunnerBuilder#timeoutFor}: a limit chosen per task as it starts. */
class PerTaskTimeoutTest extends PerTaskTimeoutCases {

    @Override
    protected Stream<RunnerKind> kinds() {
        return LocalRunnerKind.all();
    }

    @Test
    void theLimitIsAskedForAsEachTaskStartsInOrder() throws Exception {
        List<Object> asked = new CopyOnWriteArrayList<>();
        ProcRunMp.builder().command("true").tasks(Task.pairs(1, null, 2, null, 3, null)).workers(1)
                .timeoutFor(t -> {
                    asked.add(t.key());
                    return null;
                })
                .build().runAll();

        assertThat(asked).containsExactly(1, 2, 3);
    }
}
