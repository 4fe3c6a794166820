package io.jconcurrent.internal.worker;

import io.jconcurrent.internal.process.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a worker JVM: the caller's own {@code java}, class path and module path
 * (and, when the library itself is a named module there, its main class as that module's),
 * start-up flags chosen for short-lived small JVMs, then the user's options (which win where they
 * repeat a flag), and {@link WorkerMain}.
 *
 * <p>Where {@code /bin/sh} exists, the JVM is exec'd through a one-line shell that moves the protocol
 * pipes off the standard descriptors: the parent's pipe to stdin becomes fd 4 and the pipe from
 * stdout fd 3, while fds 1 and 2 both go to the stderr pipe and stdin becomes {@code /dev/null}. So
 * nothing a task writes to the real stdout (native code, or a subprocess started with
 * {@code inheritIO()}) can corrupt the protocol, and no subprocess can read from it. Where
 * {@code setsid} exists, the worker leads its own session, so its whole tree can be killed.
 */
final class WorkerCommand {

    /**
     * Flags that make a worker start fast and stay small. Not {@code -XX:TieredStopAtLevel=1}: it saves
     * a little start-up but leaves a long CPU-bound function without the optimizing compiler.
     */
    static final List<String> DEFAULT_FLAGS = List.of("-Xshare:auto", "-XX:-UsePerfData");
    /** The default collector, unless the user picks one (two collectors are an error to the JVM). */
    static final String DEFAULT_GC = "-XX:+UseSerialGC";

    private static final String MOVE_FDS = "exec 3>&1 4<&0 1>&2 0</dev/null; exec \"$@\"";

    private WorkerCommand() {
    }

    /** Whether workers started on {@code platform} lead their own session and process group. */
    static boolean ownSession(Platform platform) {
        return platform.setsid() != null;
    }

    /** The command that starts one worker JVM on {@code platform}, with the user's JVM options. */
    static List<String> build(List<String> userOptions, Platform platform) {
        String setsid = platform.setsid();
        String sh = platform.sh();
        List<String> cmd = new ArrayList<>();
        if (setsid != null) {
            cmd.add(setsid);
            cmd.add("-w");
        }
        if (sh != null) {
            cmd.add(sh);
            cmd.add("-c");
            cmd.add(MOVE_FDS);
            cmd.add("jconcurrent-worker");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (userOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            cmd.add(DEFAULT_GC);
        }
        cmd.addAll(DEFAULT_FLAGS);
        cmd.addAll(userOptions);
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath);
        }
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!modulePath.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(modulePath);
            cmd.add("--add-modules=ALL-MODULE-PATH");
        }
        Module library = WorkerMain.class.getModule();
        if (library.isNamed()) {
            // The library is a module (on the module path): its main class is started as the module's,
            // its package being exported to no one; the caller's functions may still be on the class path.
            cmd.add("-m");
            cmd.add(library.getName() + "/" + WorkerMain.class.getName());
        } else {
            cmd.add(WorkerMain.class.getName());
        }
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(sh != null ? "/dev/fd/4" : "-");
        cmd.add(sh != null ? "/dev/fd/3" : "-");
        return cmd;
    }
}
