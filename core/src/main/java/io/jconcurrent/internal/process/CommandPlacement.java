package io.jconcurrent.internal.process;

import io.jconcurrent.Placement;
import io.jconcurrent.RunningTask;
import io.jconcurrent.TaskEnd;
import io.jconcurrent.Work;
import io.jconcurrent.internal.output.SinkStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts a batch's command tasks as subprocesses of this JVM, each in a session and process group of
 * its own, its output drained into the task's sinks from the start ({@link CommandLauncher}); each
 * running one is a {@link CommandRun}.
 */
public final class CommandPlacement implements Placement.Launcher {

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final CommandLauncher launcher;

    /**
     * @param directory   working directory; null = ours
     * @param environment extra environment variables; empty for none
     * @param platform    what this machine offers for starting and stopping processes
     */
    public CommandPlacement(Work.Command command, Path directory, Map<String, String> environment,
            Platform platform) {
        this.launcher = new CommandLauncher(command, directory, environment.isEmpty() ? null : environment,
                platform);
    }

    @Override
    public RunningTask start(Placement.Launch launch) {
        CommandLauncher.Resolution program = launcher.program();
        if (program.failure() != null) {
            return RunningTask.ended(new TaskEnd.NotStarted(program.failure(), null, program.failureCode()));
        }
        if (!launch.timeout().isZero()) {
            warmUpOnce();
        }
        LiveProcesses.beforeStart();
        long start = 0;
        CommandLauncher.Started started;
        try {
            CommandLauncher.Spawn spawn = launcher.prepare(launch.task().arg()); // may wait for the binding
            start = System.nanoTime();
            started = launcher.start(spawn, new OutputCapture.Sinks(SinkStream.sinkOf(launch.stdout()),
                    SinkStream.sinkOf(launch.stderr())));
        } catch (IOException e) {
            return RunningTask.ended(new TaskEnd.NotStarted("cannot start " + program.path() + ": " + e.getMessage(),
                    e, 126));
        }
        LiveProcesses.add(started.process());
        return new CommandRun(launcher, started, start);
    }

    @Override
    public void close() {
        // nothing held between tasks
    }

    /**
     * Loads the kill path off the critical path, so that the first deadline is not late by class
     * loading. Once per JVM, and on a platform thread: its pass through /proc takes milliseconds, and on
     * a virtual thread it would hold a carrier that the batch's first spawns are waiting for.
     */
    private static void warmUpOnce() {
        if (WARMED_UP.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("jconcurrent-warm-up").start(() -> {
                ProcessTree.warmUp();
                CommandRun.escapedNote(List.of(1L)).length(); // the note's string concatenation too
            });
        }
    }
}
