package io.jconcurrent.internal.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this machine offers for running and stopping processes, looked up once per JVM and asked by
 * whatever starts or stops one (task commands, worker JVMs): the {@code setsid} and {@code sh}
 * programs, whether a started process can lead a session of its own, and how process trees are
 * signalled. Direct spawning's binding lives in {@link DirectSpawning}, the registry of live processes
 * in {@link LiveProcesses}, and the process table in {@link ProcessTree}.
 */
public final class Platform {

    private static final Platform CURRENT = new Platform(
            firstExecutable("/usr/bin/setsid", "/bin/setsid"), firstExecutable("/bin/sh"));

    private final String setsid;
    private final String sh;

    private Platform(String setsid, String sh) {
        this.setsid = setsid;
        this.sh = sh;
    }

    /** This JVM's platform. */
    public static Platform current() {
        return CURRENT;
    }

    /** The {@code setsid} program, or null where there is none. */
    public String setsid() {
        return setsid;
    }

    /** {@code /bin/sh}, or null where there is none. */
    public String sh() {
        return sh;
    }

    /**
     * Whether a task's process leads its own session and process group, so that its group can be
     * signalled in one call and its leftovers found (false only where neither direct spawning nor the
     * {@code setsid} program is available).
     */
    public boolean ownGroups() {
        return setsid != null || DirectSpawning.get() != null;
    }

    /**
     * How trees not started by a {@link CommandLauncher} (worker JVMs, the exit hook) are signalled:
     * as {@code -Djconcurrent.spawn} asks, never waiting for the direct spawner's binding.
     */
    public ProcessSignals signals() {
        return CommandLauncher.signals(System.getProperty(DirectSpawner.PROPERTY, "auto"));
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }
}
