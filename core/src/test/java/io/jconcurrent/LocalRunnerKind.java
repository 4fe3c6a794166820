package io.jconcurrent;

import io.jconcurrent.testing.RunnerKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The two runners and every built-in placement of function tasks, so that one behaviour test of the
 * shared suite ({@code io.jconcurrent.testing}) proves a behaviour for each: {@link ProcRunMp}'s own
 * default (worker JVMs) included. The cluster module adds its own kind.
 */
enum LocalRunnerKind implements RunnerKind {
    ASYNC {
        @Override
        public List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunAsync> b = ProcRunAsync.builder();
            configure.accept(b);
            return b.build().runAll().get(120, TimeUnit.SECONDS);
        }
    },
    MP {
        @Override
        public List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunMp> b = ProcRunMp.builder().placement(Placement.IN_PROCESS);
            configure.accept(b);
            return b.build().runAll();
        }
    },
    /** {@link ProcRunMp} as it comes: function tasks in worker JVMs. */
    MP_WORKER_JVM {
        @Override
        public List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunMp> b = ProcRunMp.builder();
            configure.accept(b);
            return b.build().runAll();
        }

        @Override
        public boolean functionsRunInThisJvm() {
            return false;
        }
    };

    @Override
    public boolean functionsRunInThisJvm() {
        return true;
    }

    /** Every kind, for a test class's {@code kinds()}. */
    static Stream<RunnerKind> all() {
        return Stream.of(values());
    }
}
