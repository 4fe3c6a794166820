package io.jconcurrent.modules;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.Task;
import java.util.List;

/**
 * Runs two function tasks in worker JVMs and prints how they went, and whether the library is a named
 * module here; run by {@link io.jconcurrent.ModulePathTest} with the library on the module path or
 * the class path. In a package of its own: the library's module owns {@code io.jconcurrent}.
 */
public final class WorkerJvmMain {

    private WorkerJvmMain() {
    }

    public static void main(String[] args) throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmMain::pid)
                .tasks(Task.pairs(1, "a", 2, "b")).workers(2).build().runAll();
        boolean named = ProcRunMp.class.getModule().isNamed();
        boolean internalHidden;
        try {
            Class.forName("io.jconcurrent.internal.batch.RunnerCore").getConstructors()[0].setAccessible(true);
            internalHidden = false;
        } catch (RuntimeException e) {
            internalHidden = true;
        }
        System.out.println("named=" + named + " internalHidden=" + internalHidden + " results="
                + results.stream().map(r -> r.success() + ":" + r.answer().equals(r.arg() + " elsewhere")).toList());
    }

    /** Says where it ran: in a worker JVM ("elsewhere") or in this one. */
    static Outcome pid(Object key, List<Object> args) {
        boolean inWorker = System.getProperty("sun.java.command", "").contains("WorkerMain");
        return Outcome.ok(args.getLast() + (inWorker ? " elsewhere" : " here"));
    }
}
