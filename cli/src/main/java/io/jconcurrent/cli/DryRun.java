package io.jconcurrent.cli;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * {@code --dry-run}: prints the command line of every task, as a shell would read it (a shell
 * command's script as given, an argv command's words quoted where needed), and runs nothing, as GNU
 * parallel does. Each task counts as run in slot 1 ({@code {%}}).
 */
final class DryRun {

    private DryRun() {
    }

    /** Prints each task's command line but those {@code skip} says are done (--resume); returns the exit status. */
    static int print(Iterator<TaskInput> tasks, Predicate<TaskInput> skip, CommandTemplate template, PrintStream out) {
        while (tasks.hasNext()) {
            TaskInput t = tasks.next();
            if (skip.test(t)) {
                if (t.stdin() != null) {
                    PipeBlocks.release(t.stdin());
                }
                continue;
            }
            byte[] line = RawText.bytes(template.commandLine(t.job(1)) + "\n");
            out.write(line, 0, line.length);
            if (t.stdin() != null) {
                PipeBlocks.release(t.stdin());
            }
        }
        out.flush();
        return ExitCode.OK.status();
    }
}
