package io.jconcurrent.internal;

import io.jconcurrent.Placement;
import io.jconcurrent.Work;

/** Picks the {@link TaskRunner} for a batch's kind of work and placement. */
final class TaskRunners {

    private TaskRunners() {
    }

    static TaskRunner forConfig(BatchConfig config) {
        return switch (config.work()) {
            case Work.Command c -> new CommandTaskRunner(c, config);
            case Work.Function f -> config.placement() == Placement.WORKER_JVM
                    ? workerJvm(config)
                    : new FunctionTaskRunner(f.fn(), null, f.fixedArgs(), config::limitFor);
            case Work.AsyncFunction f -> config.placement() == Placement.WORKER_JVM
                    ? workerJvm(config)
                    : new FunctionTaskRunner(null, f.fn(), f.fixedArgs(), config::limitFor);
        };
    }

    private static TaskRunner workerJvm(BatchConfig config) {
        throw new UnsupportedOperationException("worker JVM placement is not available yet; use Placement.IN_PROCESS");
    }
}
