package io.jconcurrent.internal.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a task's process without the JDK's launcher: one {@code posix_spawn} straight to the program,
 * in a new session, instead of the JDK's {@code jspawnhelper} exec followed by a {@code setsid}
 * exec. The implementation uses the Foreign Function and Memory API (Java 22+) and is compiled apart;
 * {@link #load()} finds it only where it can run.
 */
interface DirectSpawner extends ProcessSignals {

    /** {@code -Djconcurrent.spawn=jdk} forces the JDK's launcher; {@code direct} requires this one. */
    String PROPERTY = "jconcurrent.spawn";

    /**
     * Starts {@code argv} (argv[0] a path to the program; each element a String, sent as UTF-8, or a
     * {@link io.jconcurrent.ByteArg}, sent as it is; none holds a NUL) with stdin from {@code /dev/null}, stdout and
     * stderr to pipes drained into {@code sinks}, in a new session and process group led by the child.
     *
     * @param directory null to inherit ours
     * @param extraEnvironment added to ours; null for none
     * @return the process and its output, or null if the program is a script without {@code #!}
     *     (ENOEXEC), which the JDK's launcher runs with {@code /bin/sh}
     * @throws IOException if the process cannot be started (the message names errno)
     */
    CommandLauncher.Started start(List<?> argv, Path directory, Map<String, String> extraEnvironment,
            OutputCapture.Sinks sinks) throws IOException;

    /**
     * Whether process group {@code groupId} still has a member, zombies included: {@code kill(-id, 0)},
     * one system call where a look through {@code /proc} reads every process's stat. True if unsure.
     */
    boolean groupHasMembers(long groupId);

    /**
     * Calls, harmlessly, the C functions a task's end needs (waitpid, poll, read, kill, close), so that
     * the first task to end does not pay for linking them: milliseconds in a young JVM, on the path
     * from a deadline to its result. For a background thread.
     */
    default void warmUp() {
    }

    /**
     * The direct spawner, or null to use the JDK's launcher: on Java 21, where native access is not
     * enabled for jconcurrent (so that no warning is printed; {@code --enable-native-access=ALL-UNNAMED}
     * or the module's name enables it), or when the C library or the kernel (pidfd_open, Linux 5.3+)
     * lacks what is needed.
     */
    static DirectSpawner loadIfUsable() {
        try {
            Class<?> c = Class.forName("io.jconcurrent.internal.process.PosixSpawner");
            return (DirectSpawner) c.getMethod("createIfUsable", boolean.class).invoke(null, false);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // Java 21 (the class is for 22+), or its functions could not be bound
        }
    }
}
