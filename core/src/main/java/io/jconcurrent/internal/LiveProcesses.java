package io.jconcurrent.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one registry of running task processes, so that a JVM exit (normal end, Ctrl-C, SIGTERM) kills
 * every task's process tree instead of leaving it running.
 */
final class LiveProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private LiveProcesses() {
    }

    static void add(Process p) {
        installHook();
        LIVE.add(p);
    }

    static void remove(Process p) {
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
        for (Process p : LIVE) {
            ProcessTree.kill(p, Duration.ZERO, CommandLauncher.usesOwnGroup());
        }
    }
}
