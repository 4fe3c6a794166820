package io.jconcurrent;

import io.jconcurrent.internal.function.FunctionLauncher;
import io.jconcurrent.internal.process.CommandPlacement;
import io.jconcurrent.internal.process.Platform;
import io.jconcurrent.internal.worker.WorkerLauncher;

/** The built-in placements: everything on this machine. */
enum LocalPlacement implements Placement {
    IN_PROCESS,
    WORKER_JVM;

    @Override
    public Launcher open(Batch batch) {
        return switch (batch.work()) {
            case Work.Command c -> new CommandPlacement(c, batch.directory(), batch.environment(), Platform.current());
            case Work.Call f -> this == WORKER_JVM
                    ? WorkerLauncher.open(f.fn(), f.fixedArgs(), batch.workers(), batch.workerJvmOptions())
                    : FunctionLauncher.sync(f.fn(), f.fixedArgs());
            case Work.AsyncCall f -> {
                if (this == WORKER_JVM) {
                    throw new IllegalArgumentException("an AsyncTaskFunction (" + f.fn().getClass().getName()
                            + ") cannot run in a worker JVM: its stage cannot travel between JVMs; use a"
                            + " TaskFunction, or placement(Placement.IN_PROCESS), or ProcRunAsync");
                }
                yield FunctionLauncher.async(f.fn(), f.fixedArgs());
            }
        };
    }
}
