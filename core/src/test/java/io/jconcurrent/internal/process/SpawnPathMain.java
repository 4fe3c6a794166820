package io.jconcurrent.internal.process;

import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.Task;
import io.jconcurrent.Work;
import java.util.List;

/** Prints how this JVM starts tasks and the output of one task; run by {@link SpawnFallbackTest}. */
public final class SpawnPathMain {

    private SpawnPathMain() {
    }

    public static void main(String[] args) {
        boolean direct = new CommandLauncher(new Work.Command(List.of("/bin/true")), null, null, Platform.current()).spawnsDirectly();
        String out = ProcRunAsync.builder().command("/bin/echo").tasks(List.of(new Task(1, "ran"))).build()
                .runAll().join().getFirst().stdout();
        System.out.print("direct=" + direct + " output=" + out);
    }
}
