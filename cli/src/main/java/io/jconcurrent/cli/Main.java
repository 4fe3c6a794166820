package io.jconcurrent.cli;

import io.jconcurrent.RunnerBuilder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code bin/jconcurrent}. {@link #run} does everything but exit, so tests call it
 * directly; {@link #main} adds signal handling and the exit status.
 */
public final class Main {

    /** Set by bin/jconcurrent when stderr is a terminal (the JVM cannot tell by itself). */
    static final String STDERR_TTY_PROPERTY = "jconcurrent.stderr.tty";

    /** Set by bin/jconcurrent when stdin is a terminal. */
    static final String STDIN_TTY_PROPERTY = "jconcurrent.stdin.tty";

    private Main() {
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        if (ServeCommand.requested(args)) { // a cluster member: stops in order on SIGINT/SIGTERM
            System.exit(ServeCommand.run(args, System.out, System.err));
        }
        RunnerBuilder.prepareForCommands(); // overlaps the engine's set-up with parsing (about 0.1 s)
        RunControl control = new RunControl();
        Signals.install(control);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        StdoutGuard stdout = new StdoutGuard(new FileOutputStream(FileDescriptor.out), e -> {
            if (StdoutGuard.isBrokenPipe(e)) {
                control.stopBySignal(ExitCode.SIGPIPE); // as GNU parallel: stop, as on SIGTERM, and exit 141
            } else {
                err.println("jconcurrent: cannot write to stdout: " + e.getMessage());
                control.stopBecauseStdoutFailed();
            }
        });
        PrintStream out = new PrintStream(new BufferedOutputStream(stdout, 1 << 16), false, StandardCharsets.UTF_8);
        int status = run(args, RawArgs.of(args), System.in, out, err, control,
                Boolean.getBoolean(STDERR_TTY_PROPERTY));
        out.flush();
        err.flush();
        System.exit(control.exitStatus(status));
    }

    /**
     * Runs the CLI with these arguments and streams, without exiting.
     *
     * @return the exit status (see {@link ExitCode})
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, RawArgs.encoded(args), in, out, err, new RunControl(), false);
    }

    /** @param rawArgs the bytes of each argument as given ({@link RawArgs}) */
    static int run(String[] args, String[] rawArgs, InputStream in, PrintStream out, PrintStream err,
            RunControl control, boolean stderrIsTerminal) {
        if (ServeCommand.requested(args)) {
            return ServeCommand.run(args, out, err);
        }
        try {
            JconcurrentCommand command = JconcurrentCommand.parse(args, rawArgs);
            if (command.help) {
                CliOptions.printHelp(out);
                out.flush();
                return ExitCode.OK.status();
            }
            if (command.version) {
                CliOptions.printVersion(out);
                out.flush();
                return ExitCode.OK.status();
            }
            if (command.countToPrint != null) {
                out.println(command.countToPrint);
                out.flush();
                return ExitCode.OK.status();
            }
            if (command.fromJoblog != null) {
                return drawJoblog(command, err);
            }
            command.warnings = warning -> err.println("jconcurrent: warning: " + warning);
            RunSettings settings = command.settings(in, stderrIsTerminal);
            if (command.readsStdin && Boolean.getBoolean(STDIN_TTY_PROPERTY)) {
                // As parallel warns: a forgotten ::: or pipe would otherwise look like a hang.
                err.println("jconcurrent: reading input from the terminal, one per line; end it with Ctrl-D (or give "
                        + "::: ARGS, :::: FILE or -a FILE, or pipe the input in)");
            }
            return new BatchRun(settings, new Console(out, err), command.cluster).execute(control);
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
    }

    /** {@code --timeline FILE --from-joblog JOBLOG}: draws an existing joblog; runs nothing. */
    private static int drawJoblog(JconcurrentCommand command, PrintStream err) throws UsageException {
        Timeline timeline = Timeline.fromJoblog(command.fromJoblog);
        try {
            timeline.write(command.timeline);
        } catch (java.io.IOException e) {
            err.println("jconcurrent: cannot write " + command.timeline + ": " + e.getMessage());
            return ExitCode.ERROR.status();
        }
        return ExitCode.OK.status();
    }

    private static int usage(PrintStream err, String message) {
        PrintWriter w = new PrintWriter(err, true);
        w.println("jconcurrent: " + message);
        w.println("Try 'jconcurrent --help' for more information.");
        w.flush();
        return ExitCode.USAGE.status();
    }
}
