package io.jconcurrent;

import java.util.List;

/**
 * In a fresh JVM, as the CLI does: starts binding the direct spawner in the background, then at once
 * runs tasks whose arg is not UTF-8; prints each task's stdout or cause. Run by {@link ExactArgTest}.
 */
public final class ByteArgFreshJvmMain {

    private ByteArgFreshJvmMain() {
    }

    public static void main(String[] args) {
        RunnerBuilder.prepareForCommands();
        ByteArg arg = ByteArg.of(new byte[] {'c', 'a', 'f', (byte) 0xE9});
        List<ProcResult> results = ProcRunAsync.builder()
                .command("/bin/sh", "-c", "printf %s \"$1\" | od -An -tx1 | tr -d ' \\n'", "sh")
                .tasks(Task.pairs(1, arg, 2, arg, 3, arg)).workers(3).build().runAll().join();
        for (ProcResult r : results) {
            System.out.println(r.success() ? r.stdout() : r.cause());
        }
    }
}
