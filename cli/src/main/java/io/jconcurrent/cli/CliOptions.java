package io.jconcurrent.cli;

import io.jconcurrent.ProcRunMp;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The command line's options as Apache Commons CLI sees them, with their help text: jconcurrent's and
 * GNU parallel's, parallel's other names for an option as hidden aliases. {@link JconcurrentCommand}
 * reads them into values.
 */
final class CliOptions {

    private CliOptions() {
    }

    private static final String SYNTAX = "jconcurrent [OPTIONS] COMMAND [ARGS...] ::: ARG... [::: ARG...]";
    private static final String HEADER = """
               or: jconcurrent [OPTIONS] COMMAND [ARGS...] :::: FILE...
               or: jconcurrent [OPTIONS] COMMAND [ARGS...] < FILE
               or: jconcurrent [OPTIONS] 'SHELL COMMAND {}' ::: ARG...
               or: jconcurrent [OPTIONS] < COMMANDS
               or: jconcurrent [OPTIONS] --tasks FILE COMMAND [ARGS...]

            Runs COMMAND once per input, several at a time, each in its own process group, and prints \
            each task's output whole and byte for byte when it ends (GNU parallel's grouping); output past \
            64 KiB waits in temporary files ($TMPDIR), removed as soon as they are made.

            Input: the args after each ':::', the lines of each FILE after '::::' or -a ('-' is stdin), or \
            the lines of stdin. Several sources make every combination; ':::+' and '::::+' pair a source \
            with the one before it. Replacement strings as GNU parallel's: {} {.} {/} {//} {/.} {#} {%}, \
            {1} {2} ... and {1.} {2/} ...; with none, the input is appended.

            A command of several words runs without a shell: each value is exactly one argument, whatever \
            it contains. A command given as one string with shell syntax ('gzip {} && mv {}.gz done/'), or \
            with --shell, runs through a shell with each value quoted; with no command, each input line is \
            a shell command.""";
    private static final String FOOTER = """
            Exit status: 0 if every task succeeded; else the number of tasks that did not, or whose \
            output --output-limit cut (at most 101); with --halt, as GNU parallel decides it; \
            2 for a usage error (nothing ran); 130 after Ctrl-C, 143 after SIGTERM, 129 after SIGHUP, 141 \
            when stdout was closed (| head); 255 if jconcurrent itself failed.

            Example (five sleeps, four at a time, each limited to 30 s):
              jconcurrent -j 4 --timeout 30 /usr/bin/sleep ::: 1 7 2 2 1""";

    /** The options, in the order --help lists them; aliases (GNU parallel's other names) are hidden. */
    static Options options() {
        Options o = new Options();
        o.addOption(valued("j", "jobs", "N", "Run at most N tasks at once; 0 = no limit; +N, -N: the CPU cores plus "
                + "or minus N; N%: a share of the cores. Default: the number of CPU cores. Also -P, --max-procs."));
        alias(o, "P", "max-procs", true);
        o.addOption(valued(null, "timeout", "SECONDS", "Stop a task (its whole process tree) that runs "
                + "longer than this: seconds (30, 0.5, or 2m, 1h, 1d), or N% of the median run time of the "
                + "tasks that succeeded so far."));
        o.addOption(valued(null, "grace", "SECONDS", "Time a stopped task gets between SIGTERM and SIGKILL."
                + " Default: 0.5."));
        o.addOption(valued("a", "arg-file", "FILE", "Read input from FILE, one arg per line (repeatable: each "
                + "file is one more input source, before those after ::: and ::::)."));
        o.addOption(valued(null, "arg-sep", "SEP", "Use SEP instead of ::: (and SEP+ instead of :::+)."));
        o.addOption(valued(null, "arg-file-sep", "SEP", "Use SEP instead of :::: (and SEP+ instead of ::::+)."));
        o.addOption(flag("0", "null", "Input lines end with a NUL byte, not a newline (for find -print0)."));
        o.addOption(valued("d", "delimiter", "CHAR", "Input lines end with CHAR (one byte; \\n, \\t, \\0 "
                + "and \\xHH as in C)."));
        o.addOption(valued("C", "colsep", "REGEX", "Split each input line into columns at REGEX: {1}, {2} ... "
                + "are the columns."));
        o.addOption(flag(null, "link", "Pair the input sources line by line (the shorter ones repeated) instead "
                + "of making every combination. Also --xapply."));
        alias(o, null, "xapply", false);
        o.addOption(valued("N", "max-replace-args", "N", "Give each task N args: {1} to {N} are its args, {} all of "
                + "them. -N 0 runs the command once per arg with none."));
        o.addOption(valued("n", "max-args", "N", "As -N."));
        o.addOption(flag("X", "xargs", "Give each task as many args as fit on a command line, spread over the job "
                + "slots; a word with a replacement string is repeated for each arg."));
        o.addOption(flag("m", null, "As -X, but a replacement string stands for all the task's args."));
        o.addOption(valued("s", "max-chars", "N", "With -X and -m, command lines of at most N bytes. Default: "
                + JconcurrentCommand.DEFAULT_MAX_CHARS + "."));
        o.addOption(valued("I", null, "STR", "Use STR instead of {} (also --extensionreplace, --basenamereplace, "
                + "--dirnamereplace, --basenameextensionreplace, --seqreplace, --slotreplace; --er, --bnr, --dnr, "
                + "--bner for short)."));
        for (ReplacementStrings.Name n : ReplacementStrings.Name.values()) {
            if (n != ReplacementStrings.Name.ARG) {
                alias(o, null, n.option.substring(2), true);
            }
        }
        alias(o, null, "er", true);
        alias(o, null, "bnr", true);
        alias(o, null, "dnr", true);
        alias(o, null, "bner", true);
        o.addOption(flag(null, "shell", "Run the command through a shell, its words joined with spaces as GNU "
                + "parallel does, each value quoted."));
        o.addOption(flag(null, "no-shell", "Run the command without a shell even if it is one string with shell "
                + "syntax (it is then the program's name). Also -q, --quote."));
        alias(o, "q", "quote", false);
        o.addOption(valued(null, "tasks", "FILE", "Read tasks as JSON Lines of {\"key\": ..., \"arg\": ...} "
                + "('-' = stdin); keys are strings or integers and name the tasks in --json, the joblog "
                + "and --resume."));
        o.addOption(flag(null, "json", "Print one JSON object per task on stdout as it ends, with every "
                + "field of its result (the seed's names: key, arg, time_start, time_run, success, timeout, "
                + "returncode, stdout, stderr, answer; then status, stop_reason, ...)."));
        o.addOption(flag("k", "keep-order", "Print results in input order, not completion order."));
        o.addOption(valued(null, "joblog", "FILE", "Log each finished task as a tab-separated row (GNU "
                + "parallel's columns), written and flushed as the task ends."));
        o.addOption(flag(null, "resume", "Skip the tasks that the joblog lists (matched on key with "
                + "--tasks, else on sequence number); append to the joblog."));
        o.addOption(flag(null, "resume-failed", "As --resume, but run again the tasks the joblog lists "
                + "as failed."));
        o.addOption(valued(null, "retries", "N", "Run a failing task up to N times in all (as GNU "
                + "parallel). Default: 1."));
        o.addOption(valued(null, "halt", "WHEN", "Stop early: now,fail=N (stop running tasks too) or "
                + "soon,fail=N (let them finish); also N%, success=, done=; never (the default). Also "
                + "--halt-on-error."));
        alias(o, null, "halt-on-error", true);
        o.addOption(flag(null, "bar", "Show a progress bar with counts and ETA on stderr, if stderr is a "
                + "terminal."));
        o.addOption(flag(null, "bar-always", "Show the progress bar even when stderr is not a terminal."));
        o.addOption(flag(null, "print-results", "At the end, print the seed's report of every result."));
        o.addOption(valued(null, "output-limit", "BYTES", "Print at most the first BYTES (1K, 64M, ...) "
                + "of each task's stdout and of its stderr; a task whose output is cut gets a line on "
                + "stderr and counts as failed in the exit status. Default: 0, no limit."));
        o.addOption(valued(null, "delay", "SECONDS", "Wait this long between starting one task and the next "
                + "(as --timeout: 0.5, 2m ...)."));
        o.addOption(valued(null, "memfree", "SIZE", "Start no task while less memory than SIZE is available "
                + "(MemAvailable; 500M, 2G ...)."));
        o.addOption(valued(null, "load", "N", "Start no task while N or more processes are running (as -j: N, N%, "
                + "+N, -N of the cores)."));
        o.addOption(flag(null, "shuf", "Run the tasks in random order (all input is read first)."));
        o.addOption(valued(null, "workdir", "DIR", "Run the tasks in DIR. Also --wd."));
        alias(o, null, "wd", true);
        o.addOption(valued(null, "env", "NAME", "Accepted for GNU parallel's scripts: tasks get jconcurrent's whole "
                + "environment anyway. --env PARALLEL_SEQ also gives a compiled argv program PARALLEL_SEQ and "
                + "PARALLEL_JOBSLOT (through the shell: one more exec per task)."));
        o.addOption(flag(null, "progress", "Show the progress bar on stderr (counts, share, failures, ETA), even "
                + "when stderr is not a terminal. Also --eta."));
        alias(o, null, "eta", false);
        o.addOption(flag(null, "pipe", "Cut stdin into blocks, each one task's stdin (split after a line end); "
                + "a stream of any size passes in bounded memory. Also --spreadstdin."));
        alias(o, null, "spreadstdin", false);
        o.addOption(valued(null, "block", "SIZE", "With --pipe, blocks of about SIZE bytes (default 1M); with -N n, "
                + "n lines each instead. Also --block-size."));
        alias(o, null, "block-size", true);
        o.addOption(flag(null, "dry-run", "Print the command line of each task and run nothing. Also --dryrun."));
        alias(o, null, "dryrun", false);
        o.addOption(valued(null, "results", "DIR", "Write each task's stdout, stderr and sequence number under DIR in "
                + "GNU parallel's layout (DIR/1/ARG/...), and its whole result as result.json. Also --res."));
        alias(o, null, "res", true);
        o.addOption(flag(null, "files", "Print the name of a file holding each task's stdout (par*.par in the "
                + "temporary directory) instead of the output. Also --output-as-files."));
        alias(o, null, "output-as-files", false);
        alias(o, null, "outputasfiles", false);
        o.addOption(valued(null, "timeline", "FILE", "Draw the run as FILE (.svg, or .html for a page): one row per "
                + "job slot, one bar per task, coloured by how it ended, details on hover."));
        o.addOption(valued(null, "from-joblog", "JOBLOG", "With --timeline: draw an existing joblog instead of "
                + "running anything."));
        o.addOption(flag(null, "line-buffer", "Print each task's output while it runs, a whole line at a time "
                + "(lines of different tasks never mix). Also --lb."));
        alias(o, null, "lb", false);
        o.addOption(flag("u", "ungroup", "Print each task's output while it runs, as it comes (lines of different "
                + "tasks may mix)."));
        o.addOption(flag(null, "tag", "Start each line of a task's output with its args and a tab."));
        o.addOption(valued(null, "tagstring", "STR", "Start each line of a task's output with STR (replacement "
                + "strings work in it) and a tab."));
        o.addOption(flag("v", null, "Print each task's command line on stdout, before its output."));
        o.addOption(flag("t", "verbose", "Print each task's command line on stderr as it starts."));
        o.addOption(valued(null, "tmpdir", "DIR", "Put --files and --pipe files in DIR. Default: $TMPDIR, else /tmp."));
        o.addOption(flag("r", "no-run-if-empty", "Skip input lines that are empty or only blanks."));
        o.addOption(flag(null, "skip-first-line", "Skip the first input line (a header)."));
        o.addOption(flag(null, "group", "Accepted: output is grouped by task anyway (the default). Also --no-keep-order, "
                + "--silent and --plain, which change nothing either."));
        alias(o, null, "no-keep-order", false);
        alias(o, null, "silent", false);
        alias(o, null, "plain", false);
        alias(o, null, "jl", true);
        o.addOption(flag(null, "number-of-cores", "Print the number of CPU cores jconcurrent counts and exit. Also "
                + "--number-of-threads, --number-of-cpus; --number-of-sockets prints the sockets."));
        alias(o, null, "number-of-threads", false);
        alias(o, null, "number-of-cpus", false);
        alias(o, null, "number-of-sockets", false);
        o.addOption(flag(null, "will-cite", "Accepted and ignored (GNU parallel's citation notice; jconcurrent has "
                + "none). Also --citation."));
        alias(o, null, "citation", false);
        o.addOption(valued(null, "cluster", "HOST:PORT,...", "Run the tasks on these cluster members "
                + "(see jconcurrent --serve, and docs/cluster.md); the joblog's Host column names the member."));
        o.addOption(flag(null, "cluster-include-local", "With --cluster: run tasks on this machine too, "
                + "-j at a time."));
        o.addOption(valued(null, "cluster-name", "NAME", "With --cluster: the cluster's name. Default: "
                + "jconcurrent."));
        o.addOption(valued(null, "secret-file", "FILE", "With --cluster: the cluster's shared secret; "
                + "required unless every member address is loopback."));
        o.addOption(flag("h", "help", "Show this help and exit."));
        o.addOption(flag("V", "version", "Print the version and exit."));
        return o;
    }

    private static Option flag(String shortName, String longName, String description) {
        return Option.builder(shortName).longOpt(longName).desc(description).get();
    }

    private static Option valued(String shortName, String longName, String label, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(label).desc(description).get();
    }

    /** Another name of an option, left out of --help (its option's text names it). */
    private static void alias(Options o, String shortName, String longName, boolean valued) {
        Option.Builder b = Option.builder(shortName).longOpt(longName).deprecated();
        if (valued) {
            b.hasArg();
        }
        o.addOption(b.get());
    }

    /** Prints --help. */
    static void printHelp(PrintStream out) {
        PrintWriter w = new PrintWriter(out);
        HelpFormatter formatter = HelpFormatter.builder().setShowDeprecated(false).get();
        formatter.setSyntaxPrefix("Usage: ");
        formatter.setOptionComparator(null); // as listed
        Options visible = new Options(); // parallel's other names are in their option's text, not lines of their own
        for (Option o : options().getOptions()) {
            if (!o.isDeprecated()) {
                visible.addOption(o);
            }
        }
        formatter.printHelp(w, 100, SYNTAX, HEADER + "\n\n", visible, 2, 3, "\n" + FOOTER, false);
        w.flush();
    }

    /** Prints --version: the version line of the library the CLI runs on. */
    static void printVersion(PrintStream out) {
        out.println(ProcRunMp.version());
    }
}
