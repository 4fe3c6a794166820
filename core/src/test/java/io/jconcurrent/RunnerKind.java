package io.jconcurrent;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The two runners and every placement of function tasks, so one behaviour test proves a behaviour for
 * each: {@link ProcRunMp}'s own default (worker JVMs) included.
 */
enum RunnerKind {
    ASYNC {
        @Override
        List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunAsync> b = ProcRunAsync.builder();
            configure.accept(b);
            return b.build().runAll().get(120, TimeUnit.SECONDS);
        }
    },
    MP {
        @Override
        List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunMp> b = ProcRunMp.builder().placement(Placement.IN_PROCESS);
            configure.accept(b);
            return b.build().runAll();
        }
    },
    /** {@link ProcRunMp} as it comes: function tasks in worker JVMs. */
    MP_WORKER_JVM {
        @Override
        List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunMp> b = ProcRunMp.builder();
            configure.accept(b);
            return b.build().runAll();
        }
    };

    /** Builds a runner of this kind, lets {@code configure} set it up, runs it and returns the results. */
    abstract List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception;
}
