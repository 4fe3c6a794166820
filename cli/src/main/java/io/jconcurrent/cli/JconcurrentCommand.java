package io.jconcurrent.cli;

import io.jconcurrent.ProcRunMp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The command line: its options ({@link #parse}), and {@link #settings} that turns them into one
 * checked {@link RunSettings}. No running happens here.
 *
 * <p>Parsing is Apache Commons CLI's: its classes can live in the JVM's class cache, which picocli's
 * (compiled for Java 5) cannot, and that was a third of a one-task run's start-up (ADR 3).
 */
final class JconcurrentCommand {

    static final String ARGS_SEPARATOR = ":::";
    static final String FILE_SEPARATOR = "::::";

    /** The longest command line -X and -m make by default, in bytes (about what GNU parallel makes). */
    static final int DEFAULT_MAX_CHARS = 65_536;

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

    String jobs;
    TimeoutSpec timeout = TimeoutSpec.NONE;
    TimeoutSpec grace = new TimeoutSpec(Duration.ofMillis(500), -1);
    String tasksFile;
    boolean json;
    boolean keepOrder;
    Path joblog;
    boolean resume;
    boolean resumeFailed;
    int retries = 1;
    HaltPolicy halt = HaltPolicy.NEVER;
    boolean bar;
    boolean barAlways;
    boolean printResults;
    /** Per stream and task, in bytes; 0 = no limit. */
    long outputLimit;
    boolean help;
    boolean version;
    /** Replacement strings given other names (-I, --er, ...), as raw strings. */
    final Map<ReplacementStrings.Name, String> renamed = new EnumMap<>(ReplacementStrings.Name.class);
    /** -N/-n: values per job; null = one record per job. */
    Integer maxArgs;
    boolean xargs;
    boolean multiple;
    int maxChars = DEFAULT_MAX_CHARS;
    String colsep;
    boolean nullSeparated;
    String delimiter;
    /** -a files (raw strings), in order. */
    List<String> argFiles = List.of();
    String argSep = ARGS_SEPARATOR;
    String argFileSep = FILE_SEPARATOR;
    boolean link;
    TimeoutSpec delay = TimeoutSpec.NONE;
    String memfree;
    String load;
    boolean shuffle;
    String workdir;
    boolean progress;
    boolean pipe;
    boolean dryRun;
    boolean verbose;
    boolean tag;
    boolean lineBuffer;
    boolean ungroup;
    String tagString;
    boolean trace;
    String tmpdir;
    boolean noRunIfEmpty;
    boolean skipFirstLine;
    /** --number-of-cores and the like: print that number and exit. */
    String countToPrint;
    String results;
    boolean files;
    Path timeline;
    Path fromJoblog;
    long block = 1L << 20;
    /** --shell (TRUE), --no-shell or -q (FALSE), or neither (null: decided by the command's form). */
    Boolean shell;
    /** The command, its arguments, and the input: everything from the first word that is not an option. */
    List<String> words = List.of();
    /** The same words as the bytes given ({@link RawText}). */
    List<String> rawWords = List.of();

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
                + DEFAULT_MAX_CHARS + "."));
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
                + "environment anyway."));
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

    /**
     * Parses the command line: options up to the first other word, which starts the command. A
     * repeated option's last value counts.
     *
     * @throws UsageException for an unknown option, a missing or malformed value, naming it
     */
    static JconcurrentCommand parse(String[] args) throws UsageException {
        return parse(args, RawArgs.encoded(args));
    }

    /**
     * As {@link #parse(String[])}, with the bytes of each argument as given ({@link RawArgs}), which the
     * command and its input keep.
     */
    static JconcurrentCommand parse(String[] args, String[] rawArgs) throws UsageException {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).setDeprecatedHandler(o -> { })
                    .get().parse(options(), args, true);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        JconcurrentCommand c = new JconcurrentCommand();
        c.words = cl.getArgList();
        int firstWord = args.length - c.words.size();
        c.rawWords = List.of(rawArgs).subList(firstWord, args.length);
        String first = c.words.isEmpty() ? "" : c.words.getFirst();
        boolean afterDoubleDash = firstWord > 0 && args[firstWord - 1].equals("--");
        if (first.startsWith("-") && first.length() > 1 && !afterDoubleDash) {
            throw new UsageException(ParallelOptions.unknown(first));
        }
        c.jobs = last(cl, "jobs", "max-procs");
        c.timeout = value(cl, "timeout", c.timeout, TimeoutSpec::parse);
        c.grace = value(cl, "grace", c.grace, TimeoutSpec::parse);
        c.tasksFile = value(cl, "tasks", null, Function.identity());
        c.json = cl.hasOption("json");
        c.keepOrder = cl.hasOption("keep-order");
        String joblogName = last(cl, "joblog", "jl");
        c.joblog = joblogName == null ? null : value(joblogName, "joblog", Path::of);
        c.resume = cl.hasOption("resume");
        c.resumeFailed = cl.hasOption("resume-failed");
        c.retries = value(cl, "retries", c.retries, JconcurrentCommand::integer);
        c.outputLimit = value(cl, "output-limit", c.outputLimit, ByteSize::parse);
        String haltText = last(cl, "halt", "halt-on-error");
        if (haltText != null) {
            try {
                c.halt = HaltPolicy.parse(haltText);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for --halt: '" + haltText + "': " + e.getMessage());
            }
        }
        c.bar = cl.hasOption("bar");
        c.barAlways = cl.hasOption("bar-always");
        c.printResults = cl.hasOption("print-results");
        c.help = cl.hasOption("help");
        c.version = cl.hasOption("version");
        c.readInputOptions(cl);
        c.delay = value(cl, "delay", c.delay, TimeoutSpec::parse);
        c.memfree = value(cl, "memfree", null, Function.identity());
        c.load = value(cl, "load", null, Function.identity());
        c.shuffle = cl.hasOption("shuf");
        c.workdir = last(cl, "workdir", "wd");
        c.progress = cl.hasOption("progress") || cl.hasOption("eta");
        c.pipe = cl.hasOption("pipe") || cl.hasOption("spreadstdin");
        c.dryRun = cl.hasOption("dry-run") || cl.hasOption("dryrun");
        c.verbose = cl.hasOption("v");
        c.tag = cl.hasOption("tag");
        c.lineBuffer = cl.hasOption("line-buffer") || cl.hasOption("lb");
        c.ungroup = cl.hasOption("ungroup");
        c.tagString = value(cl, "tagstring", null, RawText::fromText);
        c.trace = cl.hasOption("verbose");
        c.tmpdir = value(cl, "tmpdir", null, Function.identity());
        c.noRunIfEmpty = cl.hasOption("no-run-if-empty");
        c.skipFirstLine = cl.hasOption("skip-first-line");
        if (cl.hasOption("number-of-sockets")) {
            c.countToPrint = Integer.toString(CpuCount.sockets());
        } else if (cl.hasOption("number-of-cores") || cl.hasOption("number-of-threads")
                || cl.hasOption("number-of-cpus")) {
            c.countToPrint = Integer.toString(Runtime.getRuntime().availableProcessors());
        }
        c.results = last(cl, "results", "res");
        c.files = cl.hasOption("files") || cl.hasOption("output-as-files") || cl.hasOption("outputasfiles");
        c.timeline = value(cl, "timeline", null, Path::of);
        c.fromJoblog = value(cl, "from-joblog", null, Path::of);
        if (c.fromJoblog != null && c.timeline == null) {
            throw new UsageException("--from-joblog draws a joblog as a timeline: it needs --timeline FILE.svg (or "
                    + ".html)");
        }
        String blockText = last(cl, "block", "block-size");
        if (blockText != null) {
            try {
                c.block = ByteSize.parse(blockText);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for --block: '" + blockText + "': " + e.getMessage());
            }
            if (c.block < 1) {
                throw new UsageException("--block must be at least 1 byte");
            }
        }
        String[] env = cl.getOptionValues("env");
        if (env != null) {
            for (String name : env) {
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*|_")) {
                    throw new UsageException("invalid value for --env: '" + name + "': not a variable name");
                }
            }
        }
        if (cl.hasOption("shell") && (cl.hasOption("no-shell") || cl.hasOption("quote"))) {
            throw new UsageException("--shell and --no-shell (or -q) contradict each other: give one");
        }
        c.shell = cl.hasOption("shell") ? Boolean.TRUE
                : cl.hasOption("no-shell") || cl.hasOption("quote") ? Boolean.FALSE : null;
        return c;
    }

    private void readInputOptions(CommandLine cl) throws UsageException {
        renameIfGiven(cl, ReplacementStrings.Name.ARG, "I");
        renameIfGiven(cl, ReplacementStrings.Name.NO_EXTENSION, "extensionreplace", "er");
        renameIfGiven(cl, ReplacementStrings.Name.BASENAME, "basenamereplace", "bnr");
        renameIfGiven(cl, ReplacementStrings.Name.DIRNAME, "dirnamereplace", "dnr");
        renameIfGiven(cl, ReplacementStrings.Name.BASENAME_NO_EXTENSION, "basenameextensionreplace", "bner");
        renameIfGiven(cl, ReplacementStrings.Name.SEQ, "seqreplace");
        renameIfGiven(cl, ReplacementStrings.Name.SLOT, "slotreplace");
        String n = last(cl, "max-replace-args", "max-args");
        if (n != null) {
            try {
                maxArgs = integer(n);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for -N: '" + n + "': " + e.getMessage());
            }
            if (maxArgs < 0) {
                throw new UsageException("-N must be 0 or more, got " + maxArgs);
            }
        }
        xargs = cl.hasOption("xargs");
        multiple = cl.hasOption("m");
        maxChars = value(cl, "max-chars", maxChars, JconcurrentCommand::integer);
        if (maxChars < 1) {
            throw new UsageException("-s/--max-chars must be at least 1, got " + maxChars);
        }
        colsep = value(cl, "colsep", null, Function.identity());
        nullSeparated = cl.hasOption("null");
        delimiter = value(cl, "delimiter", null, Function.identity());
        argFiles = rawValues(cl, "arg-file");
        argSep = value(cl, "arg-sep", argSep, RawText::fromText);
        argFileSep = value(cl, "arg-file-sep", argFileSep, RawText::fromText);
        link = cl.hasOption("link") || cl.hasOption("xapply");
        if (argSep.equals(argFileSep)) {
            throw new UsageException("--arg-sep and --arg-file-sep must differ, both are '" + RawText.toText(argSep)
                    + "'");
        }
    }

    private void renameIfGiven(CommandLine cl, ReplacementStrings.Name name, String... options)
            throws UsageException {
        List<String> values = new ArrayList<>();
        for (String option : options) {
            values.addAll(rawValues(cl, option));
        }
        if (!values.isEmpty()) {
            String v = values.getLast();
            if (v.isEmpty()) {
                throw new UsageException(name.option + " needs a non-empty string");
            }
            renamed.put(name, v);
        }
    }

    /**
     * An option's values as raw strings: their UTF-8 encoding (option values are text; only the
     * command's words and its input keep bytes that are not UTF-8).
     */
    private static List<String> rawValues(CommandLine cl, String option) {
        String[] values = cl.getOptionValues(option);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(RawText.fromText(v));
        }
        return out;
    }

    /** The last value given to any of these names of one option, or null. */
    private static String last(CommandLine cl, String... names) {
        String found = null;
        for (Option opt : cl.getOptions()) {
            for (String name : names) {
                if (name.equals(opt.getLongOpt()) || name.equals(opt.getOpt())) {
                    found = opt.getValue();
                }
            }
        }
        return found;
    }

    /** A value converted; a conversion failure names the option. */
    private static <T> T value(String v, String option, Function<String, T> parser) throws UsageException {
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value for --" + option + ": '" + v + "': " + e.getMessage());
        }
    }

    /** The option's last value converted, or {@code absent}; a conversion failure names the option. */
    private static <T> T value(CommandLine cl, String option, T absent, Function<String, T> parser)
            throws UsageException {
        String[] values = cl.getOptionValues(option);
        if (values == null || values.length == 0) {
            return absent;
        }
        String v = values[values.length - 1];
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) { // InvalidPathException too {
            throw new UsageException("invalid value for --" + option + ": '" + v + "': " + e.getMessage());
        }
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
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

    /**
     * Checks the options and opens the input.
     *
     * @param stdin      the CLI's standard input
     * @param stderrIsTerminal whether stderr is a terminal (for {@code --bar})
     * @throws UsageException for any mistake, naming it
     */
    RunSettings settings(InputStream stdin, boolean stderrIsTerminal) throws UsageException {
        int cores = Runtime.getRuntime().availableProcessors();
        int n;
        try {
            n = jobs == null ? cores : JobCount.parse(jobs, cores);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value for -j/--jobs: '" + jobs + "': " + e.getMessage());
        }
        if (retries < 0) {
            throw new UsageException("--retries must be 0 or more, got " + retries);
        }
        if (grace.isPercent()) {
            throw new UsageException("--grace must be a time, not a percentage");
        }
        if ((resume || resumeFailed) && joblog == null) {
            throw new UsageException("--resume and --resume-failed need --joblog FILE");
        }
        if ((xargs ? 1 : 0) + (multiple ? 1 : 0) + (maxArgs != null ? 1 : 0) > 1) {
            throw new UsageException("-X, -m and -N each say how many args a task gets: give one of them");
        }
        int split = indexOfSeparator(rawWords);
        List<String> commandWords = split < 0 ? rawWords : rawWords.subList(0, split);
        List<InputSource> sources = new ArrayList<>();
        for (String f : argFiles) {
            sources.add(new InputSource.File(f, false));
        }
        if (split >= 0) {
            sources.addAll(sources(rawWords.subList(split, rawWords.size())));
        }
        CommandTemplate.Mode mode = ShellSyntax.mode(commandWords, shell);
        ReplacementStrings strings;
        try {
            strings = new ReplacementStrings(renamed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        JobMaker.Grouping grouping = xargs || multiple ? new JobMaker.Grouping(Integer.MAX_VALUE, true, maxChars)
                : maxArgs != null ? new JobMaker.Grouping(maxArgs, false, 0) : JobMaker.Grouping.ONE;
        CommandTemplate.Spread spread = xargs || maxArgs != null ? CommandTemplate.Spread.CONTEXT
                : CommandTemplate.Spread.ALL;
        String shellPath = ShellSyntax.shell(System.getenv());
        Iterator<TaskInput> tasks;
        long total;
        CommandTemplate template;
        if (pipe) {
            if (tasksFile != null || split >= 0 || argFiles.size() > 1 || xargs || multiple) {
                throw new UsageException("--pipe reads stdin (or one -a FILE) as blocks: it cannot be combined with "
                        + "::: or ::::, --tasks, -X or -m");
            }
            if (mode == CommandTemplate.Mode.LINES) {
                throw new UsageException("--pipe needs a command to feed each block to");
            }
            InputStream blocks = stdin;
            if (!argFiles.isEmpty()) {
                String name = RawText.toText(argFiles.getFirst());
                try {
                    if (Files.isDirectory(Path.of(name))) {
                        throw new UsageException("cannot read " + name + ": it is a directory");
                    }
                    blocks = Files.newInputStream(Path.of(name));
                } catch (IOException | RuntimeException e) {
                    throw new UsageException("cannot read " + name + ": " + TaskSources.reason(e), e);
                }
            }
            template = new CommandTemplate(mode, commandWords, strings, shellPath, CommandTemplate.Spread.ALL, 0)
                    .forPipe();
            tasks = new PipeBlocks(blocks, block, maxArgs == null ? 0 : maxArgs, recordDelimiter(), outputs().tmpdir());
            total = -1;
        } else if (tasksFile != null) {
            if (!sources.isEmpty()) {
                throw new UsageException("--tasks cannot be combined with other input (:::, ::::, -a)");
            }
            template = new CommandTemplate(mode, commandWords, strings, shellPath, spread, -1);
            BufferedReader reader = TaskSources.open(tasksFile, stdin);
            List<TaskInput> list = new JsonTaskReader().read(reader, tasksFile);
            tasks = list.iterator();
            total = list.size();
        } else {
            if (sources.isEmpty()) {
                sources.add(new InputSource.File("-", false));
            }
            int perRecord = colsep == null ? sources.size() : -1;
            int positions = perRecord < 0 || grouping.fill() ? -1
                    : maxArgs != null ? perRecord * maxArgs : perRecord;
            template = new CommandTemplate(mode, commandWords, strings, shellPath, spread, positions);
            Pattern columns = columnSeparator();
            Iterator<List<String>> records = InputRecords.of(sources, link, columns, stdin, recordDelimiter());
            long known = InputRecords.knownCount(sources, link);
            if (skipFirstLine && records.hasNext()) {
                records.next();
                known = known > 0 ? known - 1 : known;
            }
            if (noRunIfEmpty) {
                records = new BlankSkipper(records);
                known = -1;
            }
            tasks = new JobMaker(records, grouping, template, known, n);
            total = JobMaker.jobCount(known, grouping);
        }
        if (shuffle) {
            List<TaskInput> all = new ArrayList<>();
            tasks.forEachRemaining(all::add);
            Collections.shuffle(all);
            tasks = all.iterator();
            total = all.size();
        }
        RunSettings.Resume resumeMode = resumeFailed ? RunSettings.Resume.SUCCEEDED
                : resume ? RunSettings.Resume.DONE : RunSettings.Resume.NONE;
        return new RunSettings(template, tasks, total, n, timeout, grace.fixed(),
                json ? RunSettings.Format.JSON : RunSettings.Format.GROUPED, keepOrder, joblog, resumeMode,
                tasksFile != null, Math.max(1, retries), halt,
                barAlways || progress || (bar && stderrIsTerminal), printResults, outputLimit, gate(cores),
                directory(), outputs());
    }

    private RunSettings.Outputs outputs() throws UsageException {
        Path resultsDir = null;
        if (results != null) {
            String lower = results.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".json")) {
                throw new UsageException("--results " + results + ": GNU parallel's CSV, TSV and JSON result files "
                        + "are not supported; use --json (one JSON line per task) or --joblog, or give a directory");
            }
            resultsDir = Path.of(results);
        }
        if (files && json) {
            throw new UsageException("--files and --json both say what stdout gets: give one");
        }
        Path tmp = Path.of(tmpdir != null ? tmpdir
                : System.getenv("TMPDIR") != null && !System.getenv("TMPDIR").isBlank() ? System.getenv("TMPDIR")
                : System.getProperty("java.io.tmpdir"));
        if (tmpdir != null && !Files.isDirectory(tmp)) {
            throw new UsageException("invalid value for --tmpdir: '" + tmpdir + "': no such directory");
        }
        TagTemplate tagTemplate = null;
        if (tag || tagString != null) {
            if (json || files) {
                throw new UsageException("--tag and --tagstring mark output lines: they cannot be combined with "
                        + (json ? "--json" : "--files"));
            }
            ReplacementStrings strings;
            try {
                strings = new ReplacementStrings(renamed);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            tagTemplate = tagString != null ? new TagTemplate(tagString, strings) : TagTemplate.values(strings);
        }
        RunSettings.Live live = ungroup ? RunSettings.Live.BYTES : lineBuffer ? RunSettings.Live.LINES
                : RunSettings.Live.NONE;
        if (live != RunSettings.Live.NONE) {
            String other = json ? "--json" : files ? "--files" : resultsDir != null ? "--results" : keepOrder ? "-k"
                    : outputLimit != 0 ? "--output-limit" : printResults ? "--print-results" : null;
            if (other != null) {
                throw new UsageException((ungroup ? "--ungroup" : "--line-buffer") + " prints output while tasks run: "
                        + "it cannot be combined with " + other);
            }
        }
        return new RunSettings.Outputs(dryRun, resultsDir, files, timeline, verbose, trace, tmp, tagTemplate, live);
    }

    private StartGate gate(int cores) throws UsageException {
        if (delay.isPercent()) {
            throw new UsageException("--delay must be a time, not a percentage");
        }
        long mem = 0;
        if (memfree != null) {
            try {
                mem = ByteSize.parse(memfree);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for --memfree: '" + memfree + "': " + e.getMessage());
            }
        }
        int running = 0;
        if (load != null) {
            try {
                running = JobCount.parse(load, cores);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for --load: '" + load + "': " + e.getMessage());
            }
        }
        return new StartGate(delay.fixed(), mem, running);
    }

    private Path directory() throws UsageException {
        if (workdir == null) {
            return null;
        }
        if (workdir.equals("...")) {
            throw new UsageException("--workdir ... (a new temporary directory per task) is not supported: make one "
                    + "in the command, for example: 'cd \"$(mktemp -d)\" && ...'");
        }
        Path p = Path.of(workdir);
        if (!Files.isDirectory(p)) {
            throw new UsageException("invalid value for --workdir: '" + workdir + "': no such directory");
        }
        return p;
    }

    /** The input sources after the command: values after each ':::', files after each '::::'. */
    private List<InputSource> sources(List<String> spec) throws UsageException {
        List<InputSource> out = new ArrayList<>();
        int i = 0;
        while (i < spec.size()) {
            String sep = spec.get(i);
            boolean files = sep.equals(argFileSep) || sep.equals(argFileSep + "+");
            boolean linked = sep.endsWith("+");
            int j = i + 1;
            while (j < spec.size() && !isSeparator(spec.get(j))) {
                j++;
            }
            List<String> values = spec.subList(i + 1, j);
            if (files) {
                if (values.isEmpty()) {
                    throw new UsageException(RawText.toText(sep) + " needs at least one FILE ('-' for stdin)");
                }
                for (int k = 0; k < values.size(); k++) {
                    out.add(new InputSource.File(values.get(k), linked && k == 0));
                }
            } else {
                out.add(new InputSource.Args(values, linked));
            }
            i = j;
        }
        if (!out.isEmpty() && out.getFirst().linked()) {
            out.set(0, out.getFirst() instanceof InputSource.Args a ? new InputSource.Args(a.values(), false)
                    : new InputSource.File(((InputSource.File) out.getFirst()).name(), false));
        }
        return out;
    }

    private Pattern columnSeparator() throws UsageException {
        if (colsep == null) {
            return null;
        }
        try {
            // Input is matched as raw bytes (one char per byte), so the pattern's text is too.
            return Pattern.compile(RawText.fromText(colsep));
        } catch (PatternSyntaxException e) {
            throw new UsageException("invalid value for --colsep: '" + colsep + "': " + e.getDescription());
        }
    }

    private byte recordDelimiter() throws UsageException {
        if (nullSeparated && delimiter != null) {
            throw new UsageException("-0 and -d both say where input lines end: give one");
        }
        if (nullSeparated) {
            return 0;
        }
        if (delimiter == null) {
            return '\n';
        }
        String d = switch (delimiter) {
            case "\\n" -> "\n";
            case "\\t" -> "\t";
            case "\\0" -> "\0";
            case "\\r" -> "\r";
            default -> delimiter;
        };
        if (d.startsWith("\\x") && d.length() == 4) {
            try {
                return (byte) Integer.parseInt(d.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new UsageException("invalid value for -d: '" + delimiter + "': \\x needs two hex digits");
            }
        }
        byte[] bytes = RawText.bytes(RawText.fromText(d));
        if (bytes.length != 1) {
            throw new UsageException("invalid value for -d: '" + delimiter + "': jconcurrent splits input on one "
                    + "byte (a character such as , or \\n, \\t, \\0, \\xHH)");
        }
        return bytes[0];
    }

    private int indexOfSeparator(List<String> list) {
        for (int i = 0; i < list.size(); i++) {
            if (isSeparator(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean isSeparator(String w) {
        return w.equals(argSep) || w.equals(argFileSep) || w.equals(argSep + "+") || w.equals(argFileSep + "+");
    }
}
