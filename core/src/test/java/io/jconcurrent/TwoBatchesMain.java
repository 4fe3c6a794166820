package io.jconcurrent;

import java.util.List;
import java.util.stream.IntStream;

/** Runs a batch of 100 functions and one of 2 commands, for tests that look at the JVM from outside. */
public final class TwoBatchesMain {

    private TwoBatchesMain() {
    }

    public static void main(String[] args) throws Exception {
        List<ProcResult> fns = ProcRunAsync.builder().function((k, a) -> Outcome.ok(null))
                .tasks(IntStream.range(0, 100).mapToObj(i -> Task.of(i, i)).toList()).build().runAll().join();
        List<ProcResult> cmds = ProcRunMp.builder().command("/bin/true").tasks(Task.pairs(1, null, 2, null))
                .build().runAll();
        System.out.println(fns.stream().allMatch(ProcResult::success) && cmds.stream().allMatch(ProcResult::success)
                ? "ok" : "failed");
    }
}
