package io.jconcurrent.internal.process;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one registry of running task processes, so that a JVM exit (normal end, Ctrl-C, SIGTERM) kills
 * every task's process tree instead of leaving it running.
 */
public final class LiveProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;
    private static volatile boolean shuttingDown;

    private LiveProcesses() {
    }

    /**
     * Call before starting a task process: the hook must exist before the process does, or a JVM
     * exit between the start and {@link #add} would leave it behind.
     */
    public static void beforeStart() {
        installHook();
    }

    public static void add(Process p) {
        LIVE.add(p);
        if (shuttingDown) {
            // Started while the shutdown hook runs: it may not see this one, so stop it here.
            ProcessTree.kill(p, Duration.ZERO, Platform.current().signals(), Platform.current().ownGroups());
        }
    }

    public static void remove(Process p) {
        LIVE.remove(p);
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (LiveProcesses.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(LiveProcesses::killAll, "jconcurrent-shutdown"));
                hookInstalled = true;
            }
        }
    }

    private static void killAll() {
        shuttingDown = true;
        for (Process p : LIVE) {
            ProcessTree.kill(p, Duration.ZERO, Platform.current().signals(), Platform.current().ownGroups());
        }
        // Children whose start raced with the exit and never reached the registry.
        ProcessSignals signals = Platform.current().signals();
        ProcessHandle.current().children().forEach(child -> ProcessTree.killHandle(child, signals,
                Platform.current().ownGroups()));
    }
}
