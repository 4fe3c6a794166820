package io.jconcurrent.internal.batch;

import io.jconcurrent.Placement;
import io.jconcurrent.Work;
import io.jconcurrent.internal.function.FunctionTaskRunner;
import io.jconcurrent.internal.process.CommandTaskRunner;
import io.jconcurrent.internal.worker.WorkerTaskRunner;

/** Picks the {@link TaskRunner} for a batch's kind of work and placement. */
final class TaskRunners {

    private TaskRunners() {
    }

    static TaskRunner forConfig(BatchConfig config, BatchClock clock) {
        return switch (config.work()) {
            case Work.Command c -> new CommandTaskRunner(c, config, clock);
            case Work.Function f -> config.placement() == Placement.WORKER_JVM
                    ? new WorkerTaskRunner(f, config, clock)
                    : new FunctionTaskRunner(f.fn(), null, f.fixedArgs(), config::limitFor, clock);
            // RunnerBuilder rejects async functions in worker JVMs; in process is all they can do.
            case Work.AsyncFunction f -> new FunctionTaskRunner(null, f.fn(), f.fixedArgs(), config::limitFor, clock);
        };
    }
}
