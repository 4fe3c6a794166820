package io.jconcurrent.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of {@code bin/jconcurrent}. {@link #run} does everything but exit, so tests call it
 * directly; {@link #main} adds signal handling and the exit status.
 */
public final class Main {

    /** Set by bin/jconcurrent when stderr is a terminal (the JVM cannot tell by itself). */
    static final String STDERR_TTY_PROPERTY = "jconcurrent.stderr.tty";

    private Main() {
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        RunControl control = new RunControl();
        Signals.install(control);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err, control, Boolean.getBoolean(STDERR_TTY_PROPERTY));
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the CLI with these arguments and streams, without exiting.
     *
     * @return the exit status (see {@link ExitCode})
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, new RunControl(), false);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, RunControl control,
            boolean stderrIsTerminal) {
        CommandLine cl = new CommandLine(JconcurrentCommand.spec())
                .setStopAtPositional(true)
                .setExpandAtFiles(false)
                .setOverwrittenOptionsAllowed(true);
        try {
            JconcurrentCommand command = JconcurrentCommand.from(cl.parseArgs(args));
            if (cl.isUsageHelpRequested()) {
                cl.usage(out);
                out.flush();
                return ExitCode.OK.status();
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(out);
                out.flush();
                return ExitCode.OK.status();
            }
            RunSettings settings = command.settings(in, stderrIsTerminal);
            return new BatchRun(settings, new Console(out, err)).execute(control);
        } catch (ParameterException e) {
            return usage(err, e.getMessage());
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
    }

    private static int usage(PrintStream err, String message) {
        PrintWriter w = new PrintWriter(err, true);
        w.println("jconcurrent: " + message);
        w.println("Try 'jconcurrent --help' for more information.");
        w.flush();
        return ExitCode.USAGE.status();
    }
}
