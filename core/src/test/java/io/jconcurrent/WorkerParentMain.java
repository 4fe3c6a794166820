package io.jconcurrent;

import java.util.List;

/**
 * A parent JVM for the parent-death test: prints its pid, then runs two tasks in worker JVMs that each
 * start a {@code sleep} subprocess and wait for a long time. The test SIGKILLs this JVM.
 */
public final class WorkerParentMain {

    private WorkerParentMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("parent " + ProcessHandle.current().pid());
        System.out.flush();
        ProcRunMp.builder().function(WorkerParentMain::hang).tasks(Task.pairs(1, 1, 2, 2)).workers(2).build().runAll();
    }

    static Outcome hang(Object key, List<Object> args) throws Exception {
        new ProcessBuilder("sleep", "300").start();
        Thread.sleep(300_000);
        return Outcome.ok(null);
    }
}
