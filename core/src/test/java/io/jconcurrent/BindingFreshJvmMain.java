package io.jconcurrent;

import java.util.List;
import java.util.stream.IntStream;

/**
 * In a fresh JVM: builds a runner (which starts binding the direct spawner in the background) and at
 * once starts eight tasks on eight workers that exit with 130; prints each task's signal, one per
 * line. The JDK's launcher reports {@code exit 130} as SIGINT (2), the direct spawner as exit 130
 * with no signal (0), so the signals tell which way each task was started. Run by
 * {@link SpawnWhileBindingTest}.
 */
public final class BindingFreshJvmMain {

    private BindingFreshJvmMain() {
    }

    public static void main(String[] args) {
        List<Task> tasks = IntStream.range(0, 8).mapToObj(i -> new Task(i, null)).toList();
        List<ProcResult> results = ProcRunAsync.builder().command("/bin/sh", "-c", "exit 130").tasks(tasks)
                .workers(8).build().runAll().join();
        for (ProcResult r : results) {
            System.out.println(r.signal());
        }
    }
}
