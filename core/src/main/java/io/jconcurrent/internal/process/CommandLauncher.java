package io.jconcurrent.internal.process;

import io.jconcurrent.ByteArg;
import io.jconcurrent.Work;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
 *
 * <p>Arguments are Strings (sent as UTF-8 by the direct spawner) or {@link ByteArg}s (sent as they
 * are). The JDK's launcher takes Strings only, which it encodes in the JVM's argument encoding: a
 * ByteArg that does not survive that round trip is refused, never altered, and a task that has one
 * waits for a direct spawner still being bound rather than go through the JDK's launcher.
 */
public final class CommandLauncher {

    private static final File DEV_NULL = new File("/dev/null");
    /** What the JDK's launcher encodes arguments in (java.lang.ProcessImpl's JNU_CHARSET). */
    private static final Charset ARGUMENT_ENCODING = argumentEncoding();

    private final Platform platform;
    private final String setsid;
    private final List<?> fixedArgv;
    private final Path directory;
    private final Map<String, String> environment;
    private final Resolution program;
    /** -Djconcurrent.spawn: "jdk" (the JDK's launcher always), "direct" (required), or "auto". */
    private final String wanted;
    private final String absoluteProgram;

    /** The program looked up once per batch: a path to run, or why it cannot run. */
    record Resolution(String path, int failureCode, String failure) {
    }

    CommandLauncher(Work.Command command, Path directory, Map<String, String> environment, Platform platform) {
        this.platform = platform;
        this.setsid = platform.setsid();
        this.fixedArgv = command.argv();
        this.directory = directory;
        this.environment = environment;
        this.program = resolve(command.program(), environment, directory);
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
     * forces that. While the direct spawner is still being bound in the background
     * ({@code RunnerBuilder.prepareForCommands()}), the first few tasks of the JVM start through the
     * JDK's launcher rather than wait (it costs two more execs, a few milliseconds each, where waiting
     * costs about 0.1 s), and later ones wait for the binding: JDK spawns made meanwhile would share
     * the cores with it, and on a small machine a long batch then ran slower than one that waited. A
     * task with a {@link ByteArg} always waits. Both paths start the task in its own session.
     *
     * <p>May wait, so call it before the task's start time is taken.
     */
    private DirectSpawner spawnerFor(boolean exact) {
        if (wanted.equals("jdk")) {
            return null;
        }
        if (setsid != null && !wanted.equals("direct") && !exact && DirectSpawning.isLoading()
                && DirectSpawning.takeJdkStartWhileBinding()) {
            return null;
        }
        return DirectSpawning.get();
    }

    /** The spawner if it is bound and in use now, else null; never waits. */
    private DirectSpawner boundSpawner() {
        if (wanted.equals("jdk") || DirectSpawning.isLoading()) {
            return null;
        }
        return DirectSpawning.get();
    }

    /**
     * Starts the one-time set-up the first command of this JVM would otherwise wait for: binding the
     * C library's spawn functions (about 0.1 s of method-handle generation, on a thread of its own)
     * and installing the exit hook. A batch with a timeout loads the kill path itself when it starts.
     */
    public static void prepare() {
        if (!System.getProperty(DirectSpawner.PROPERTY, "auto").equals("jdk")) {
            // With the JDK's launcher forced, a binding nobody uses would only take a core from the tasks.
            DirectSpawning.loadInBackground();
        }
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

    /** Whether this launcher spawns directly (else through the JDK's launcher). */
    boolean spawnsDirectly() {
        return !wanted.equals("jdk") && DirectSpawning.get() != null;
    }

    /**
     * Whether task processes lead their own group and session (false only where neither direct
     * spawning nor the {@code setsid} program is available).
     */
    boolean ownGroups() {
        return platform.ownGroups();
    }

    /**
     * Whether a task whose process has exited may have left processes behind in its group, which
     * then needs a look through {@code /proc} for its group and session. With direct spawning this is
     * a {@code kill(-group, 0)}; through the JDK's launcher there is no such check, so always true.
     */
    boolean mayHaveLeftovers(long groupId) {
        DirectSpawner direct = boundSpawner();
        return direct == null || direct.groupHasMembers(groupId);
    }

    /** The program, or why it cannot be run (127 missing, 126 not executable). */
    Resolution program() {
        return program;
    }

    /** A started task process and its output, which is being drained already. */
    record Started(Process process, OutputDrain output) {
    }

    /**
     * A task's command line, checked, and how it will be spawned. Made before the task's start time is
     * taken: choosing the spawner may wait for its binding ({@link #spawnerFor}).
     *
     * @param args    the arguments after the program
     * @param spawner the direct spawner, or null for the JDK's launcher
     */
    record Spawn(List<Object> args, DirectSpawner spawner) {
    }

    /**
     * The command line of a task whose arg is {@code arg}, and its spawner.
     *
     * @throws IOException if an argument cannot reach the program as given (a NUL byte), the message
     *     naming the argument
     */
    Spawn prepare(Object arg) throws IOException {
        List<Object> args = new ArrayList<>(fixedArgv.size() + 1);
        args.addAll(fixedArgv.subList(1, fixedArgv.size()));
        appendArg(args, arg);
        boolean exact = checkArguments(args);
        return new Spawn(args, spawnerFor(exact));
    }

    /**
     * Starts the task's process with its output drained into {@code sinks}.
     *
     * @throws IOException if it cannot be started, or a ByteArg cannot pass the JDK's launcher
     *     unaltered, the message naming the argument
     */
    Started start(Spawn spawn, OutputCapture.Sinks sinks) throws IOException {
        DirectSpawner direct = spawn.spawner();
        if (direct != null) {
            List<Object> argv = new ArrayList<>(spawn.args().size() + 1);
            argv.add(absoluteProgram); // not re-resolved after the chdir
            argv.addAll(spawn.args());
            Started started = direct.start(argv, directory, environment, sinks);
            if (started != null) {
                return started;
            }
            // null: a script without #! (ENOEXEC), which the JDK's launcher runs with /bin/sh
        }
        Process p = startThroughJdk(spawn.args());
        return new Started(p, OutputCapture.start(p, sinks));
    }

    /**
     * Refuses an argument no program can receive (one with a NUL byte, which ends a C string: the
     * program would get a shorter one); true if there is a {@link ByteArg} among them.
     */
    private static boolean checkArguments(List<Object> args) throws IOException {
        boolean bytes = false;
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            boolean nul;
            if (a instanceof ByteArg b) {
                bytes = true;
                nul = indexOfNul(b) >= 0;
            } else {
                nul = ((String) a).indexOf('\0') >= 0;
            }
            if (nul) {
                throw new IOException("argument " + (i + 1) + " contains a NUL byte, which no program can receive"
                        + " (it would end the argument there)");
            }
        }
        return bytes;
    }

    private static int indexOfNul(ByteArg b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.byteAt(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    private Process startThroughJdk(List<Object> args) throws IOException {
        List<String> argv = new ArrayList<>(args.size() + 3);
        if (setsid != null) {
            argv.add(setsid);
            argv.add("-w");
        }
        argv.add(program.path());
        for (int i = 0; i < args.size(); i++) {
            argv.add(args.get(i) instanceof ByteArg b ? jdkText(b, i + 1) : (String) args.get(i));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(DEV_NULL);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        if (environment != null) {
            pb.environment().putAll(environment);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            if (setsid == null) {
                throw e;
            }
            // The JDK names the first word it ran, setsid, where the task's command line is what failed
            // (an argument list too long, say): name neither, the caller names the program.
            String said = String.valueOf(e.getMessage());
            throw new IOException(said.replace("Cannot run program \"" + setsid + "\": ", ""), e);
        }
    }

    /**
     * The String the JDK's launcher turns back into exactly these bytes.
     *
     * @throws IOException if there is none: the bytes are not text in the argument encoding
     */
    static String jdkText(ByteArg arg, int position) throws IOException {
        byte[] bytes = arg.toByteArray();
        try {
            String text = ARGUMENT_ENCODING.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (java.util.Arrays.equals(text.getBytes(ARGUMENT_ENCODING), bytes)) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text in that encoding
        }
        String shown = bytes.length <= 64 ? arg.toHex() : arg.toHex().substring(0, 128) + "...";
        throw new IOException("argument " + position + " (bytes " + shown + ") is not " + ARGUMENT_ENCODING
                + " text, and the JDK's launcher cannot pass it unaltered; direct spawning (Java 22+ with"
                + " --enable-native-access=ALL-UNNAMED) passes it byte for byte");
    }

    /** Each element of a list arg, or the arg itself: a {@link ByteArg} as it is, else as text. */
    static void appendArg(List<Object> argv, Object arg) {
        if (arg == null) {
            return;
        }
        if (arg instanceof List<?> list) {
            for (Object o : list) {
                argv.add(o instanceof ByteArg b ? b : String.valueOf(o));
            }
        } else {
            argv.add(arg instanceof ByteArg b ? b : String.valueOf(arg));
        }
    }

    private static Charset argumentEncoding() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name, Charset.defaultCharset());
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
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
}
