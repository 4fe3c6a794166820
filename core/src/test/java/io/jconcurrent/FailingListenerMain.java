package io.jconcurrent;

import java.util.List;

/** For {@link EngineLoggingTest}: a batch whose listener throws, in a JVM of its own. */
public final class FailingListenerMain {

    private FailingListenerMain() {
    }

    public static void main(String[] args) throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("true")
                .tasks(Task.pairs("a", "1", "b", "2"))
                .listener(r -> {
                    throw new IllegalStateException("listener broke on " + r.key());
                })
                .build().runAll();
        System.out.println("succeeded=" + results.stream().filter(ProcResult::success).count());
    }
}
