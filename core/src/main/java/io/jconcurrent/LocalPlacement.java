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
        // An if-chain, not a type switch: a switch's first run bootstraps a call site, milliseconds of
        // every fresh JVM's first batch (a CLI run is one).
        Work work = batch.work();
        if (work instanceof Work.Command c) {
            return new CommandPlacement(c, batch.directory(), batch.environment(), Platform.current());
        }
        if (work instanceof Work.Call f) {
            return this == WORKER_JVM
                    ? WorkerLauncher.open(f.fn(), f.fixedArgs(), batch.workers(), batch.workerJvmOptions(),
                            Platform.current())
                    : FunctionLauncher.sync(f.fn(), f.fixedArgs());
        }
        Work.AsyncCall f = (Work.AsyncCall) work;
        if (this == WORKER_JVM) {
            throw new IllegalArgumentException("an AsyncTaskFunction (" + f.fn().getClass().getName()
                    + ") cannot run in a worker JVM: its stage cannot travel between JVMs; use a"
                    + " TaskFunction, or placement(Placement.IN_PROCESS), or ProcRunAsync");
        }
        return FunctionLauncher.async(f.fn(), f.fixedArgs());
    }
}
