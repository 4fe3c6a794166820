package io.jconcurrent.internal;

import io.jconcurrent.Work;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts one task's process: the batch's command with the task's arg appended, in a session and
 * process group of its own so that its whole tree can be stopped, with stdin empty. Where it can
 * ({@link DirectSpawner}: Java 22+, native access enabled), with one {@code posix_spawn}; else
 * through the JDK's launcher and the {@code setsid} program.
 */
final class CommandLauncher {

    private static final String SETSID = findSetsid();
    private static final File DEV_NULL = new File("/dev/null");

    private final List<String> fixedArgv;
    private final Path directory;
    private final Map<String, String> environment;
    private final Resolution program;
    /** -Djconcurrent.spawn: "jdk" (the JDK's launcher always), "direct" (required), or "auto". */
    private final String wanted;
    private final String absoluteProgram;

    /** The program looked up once per batch: a path to run, or why it cannot run. */
    record Resolution(String path, int failureCode, String failure) {
    }

    CommandLauncher(Work.Command command, Path directory, Map<String, String> environment) {
        this.fixedArgv = command.argv();
        this.directory = directory;
        this.environment = environment;
        this.program = resolve(command.argv().getFirst(), environment, directory);
        this.wanted = System.getProperty(DirectSpawner.PROPERTY, "auto");
        if (wanted.equals("direct") && DirectSpawning.get() == null) {
            throw new IllegalStateException("-D" + DirectSpawner.PROPERTY + "=direct, but direct spawning is not"
                    + " available here (it needs Java 22+, --enable-native-access=ALL-UNNAMED, Linux 5.3+,"
                    + " glibc 2.34+)");
        }
        this.absoluteProgram = program.path() == null ? null : Path.of(program.path()).toAbsolutePath().toString();
    }

    /**
     * The spawner for the next task, or null for the JDK's launcher: {@code -Djconcurrent.spawn=jdk}
     * forces that, and so does a direct spawner still being bound in the background
     * ({@code RunnerBuilder.prepareForCommands()}): the JDK's launcher costs two more execs, a few
     * milliseconds, and waiting would cost up to 0.1 s. Both start the task in its own session.
     */
    private DirectSpawner direct() {
        if (wanted.equals("jdk") || (SETSID != null && !wanted.equals("direct") && DirectSpawning.isLoading())) {
            return null;
        }
        return DirectSpawning.get();
    }

    /**
     * Starts the one-time set-up the first command of this JVM would otherwise wait for: binding the
     * C library's spawn functions (about 0.1 s of method-handle generation, on a thread of its own)
     * and installing the exit hook. A batch with a timeout loads the kill path itself when it starts.
     */
    static void prepare() {
        DirectSpawning.loadInBackground();
        LiveProcesses.beforeStart();
    }

    /** How this launcher's task trees are signalled: as directly as they are started. */
    ProcessSignals signals() {
        return signals(wanted);
    }

    /**
     * The C library's {@code kill} where direct spawning is in use and bound (never waiting for the
     * binding), else the shell's.
     */
    static ProcessSignals signals(String wanted) {
        if (wanted.equals("jdk") || DirectSpawning.isLoading()) {
            return ShellSignals.INSTANCE;
        }
        DirectSpawner direct = DirectSpawning.get();
        return direct != null ? direct : ShellSignals.INSTANCE;
    }

    /** As {@link #signals()}, for processes not started by a launcher (worker JVMs, the exit hook). */
    static ProcessSignals defaultSignals() {
        return signals(System.getProperty(DirectSpawner.PROPERTY, "auto"));
    }

    /** Whether this launcher spawns directly (else through the JDK's launcher). */
    boolean spawnsDirectly() {
        return !wanted.equals("jdk") && DirectSpawning.get() != null;
    }

    /**
     * Whether task processes lead their own group and session (false only where neither direct
     * spawning nor the {@code setsid} program is available).
     */
    static boolean usesOwnGroup() {
        return SETSID != null || DirectSpawning.get() != null;
    }

    /**
     * Whether a task whose process has exited may have left processes behind in its group, which
     * then needs a look through {@code /proc} for its group and session. With direct spawning this is
     * a {@code kill(-group, 0)}; through the JDK's launcher there is no such check, so always true.
     */
    boolean mayHaveLeftovers(long groupId) {
        DirectSpawner direct = direct();
        return direct == null || direct.groupHasMembers(groupId);
    }

    /** The program, or why it cannot be run (127 missing, 126 not executable). */
    Resolution program() {
        return program;
    }

    /** A started task process and its output, which is being drained already. */
    record Started(Process process, TaskOutput output) {
    }

    /** Starts the task's process with its output drained into {@code sinks}. */
    Started start(Object arg, OutputCapture.Sinks sinks) throws IOException {
        DirectSpawner direct = direct();
        if (direct != null) {
            List<String> argv = new ArrayList<>(fixedArgv.size() + 2);
            argv.add(absoluteProgram); // not re-resolved after the chdir
            argv.addAll(fixedArgv.subList(1, fixedArgv.size()));
            appendArg(argv, arg);
            Started started = direct.start(argv, directory, environment, sinks);
            if (started != null) {
                return started;
            }
            // null: a script without #! (ENOEXEC), which the JDK's launcher runs with /bin/sh
        }
        Process p = startThroughJdk(arg);
        return new Started(p, OutputCapture.start(p, sinks));
    }

    private Process startThroughJdk(Object arg) throws IOException {
        List<String> argv = new ArrayList<>(fixedArgv.size() + 4);
        if (SETSID != null) {
            argv.add(SETSID);
            argv.add("-w");
        }
        argv.add(program.path());
        argv.addAll(fixedArgv.subList(1, fixedArgv.size()));
        appendArg(argv, arg);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(DEV_NULL);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        if (environment != null) {
            pb.environment().putAll(environment);
        }
        return pb.start();
    }

    static void appendArg(List<String> argv, Object arg) {
        if (arg == null) {
            return;
        }
        if (arg instanceof List<?> list) {
            for (Object o : list) {
                argv.add(String.valueOf(o));
            }
        } else {
            argv.add(String.valueOf(arg));
        }
    }

    private static Resolution resolve(String name, Map<String, String> env, Path directory) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            if (!p.isAbsolute() && directory != null) {
                p = directory.resolve(p);
            }
            return check(p, name);
        }
        String pathVar = env != null && env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new Resolution(candidate.toString(), 0, null);
                }
            }
        }
        return new Resolution(null, 127, "program not found on PATH: " + name);
    }

    private static Resolution check(Path p, String name) {
        if (!Files.exists(p)) {
            return new Resolution(null, 127, "program not found: " + name);
        }
        if (Files.isDirectory(p)) {
            return new Resolution(null, 126, "program is a directory, not an executable: " + name);
        }
        if (!Files.isExecutable(p)) {
            return new Resolution(null, 126, "program is not executable (permission denied): " + name);
        }
        return new Resolution(p.toString(), 0, null);
    }

    private static String findSetsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
