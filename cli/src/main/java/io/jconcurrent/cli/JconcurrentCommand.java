package io.jconcurrent.cli;

import io.jconcurrent.ProcRunMp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
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

    private static final String SYNTAX = "jconcurrent [OPTIONS] COMMAND [ARGS...] ::: ARG...";
    private static final String HEADER = """
               or: jconcurrent [OPTIONS] COMMAND [ARGS...] :::: FILE
               or: jconcurrent [OPTIONS] COMMAND [ARGS...] < FILE
               or: jconcurrent [OPTIONS] --tasks FILE COMMAND [ARGS...]

            Runs COMMAND once per task, several at a time, each in its own process group, and prints \
            each task's output whole and byte for byte when it ends (GNU parallel's grouping); output past \
            64 KiB waits in temporary files ($TMPDIR), removed as soon as they are made.

            Tasks: one per ARG after ':::', one per line of FILE after '::::' ('-' is stdin), or one per \
            line of stdin. Each {} in ARGS is replaced by the task's arg; without {}, the arg is appended. \
            No shell is involved: an arg is always exactly one argument, whatever it contains.""";
    private static final String FOOTER = """
            Exit status: 0 if every task succeeded; else the number of tasks that did not, or whose \
            output --output-limit cut (at most 101); with --halt, as GNU parallel decides it; \
            2 for a usage error (nothing ran); 130 after Ctrl-C, 143 after SIGTERM, 129 after SIGHUP, 141 \
            when stdout was closed (| head); 255 if jconcurrent itself failed.

            Example (five sleeps, four at a time, each limited to 30 s):
              jconcurrent -j 4 --timeout 30 /usr/bin/sleep ::: 1 7 2 2 1""";

    Integer jobs;
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
    /** {@code --cluster} and its companions, or null for a run on this machine only. */
    ClusterOptions cluster;
    /** The command, its arguments, and the tasks: everything from the first word that is not an option. */
    List<String> words = List.of();

    /** The options, in the order --help lists them. */
    static Options options() {
        return new Options()
                .addOption(valued("j", "jobs", "N", "Run at most N tasks at once; 0 = no limit. "
                        + "Default: the number of CPU cores."))
                .addOption(valued(null, "timeout", "SECONDS", "Stop a task (its whole process tree) that runs "
                        + "longer than this: seconds (30, 0.5, or 2m, 1h, 1d), or N% of the median run time of the "
                        + "tasks that succeeded so far."))
                .addOption(valued(null, "grace", "SECONDS", "Time a stopped task gets between SIGTERM and SIGKILL."
                        + " Default: 0.5."))
                .addOption(valued(null, "tasks", "FILE", "Read tasks as JSON Lines of {\"key\": ..., \"arg\": ...} "
                        + "('-' = stdin); keys are strings or integers and name the tasks in --json, the joblog "
                        + "and --resume."))
                .addOption(flag(null, "json", "Print one JSON object per task on stdout as it ends, with every "
                        + "field of its result (the seed's names: key, arg, time_start, time_run, success, timeout, "
                        + "returncode, stdout, stderr, answer; then status, stop_reason, ...)."))
                .addOption(flag("k", "keep-order", "Print results in input order, not completion order."))
                .addOption(valued(null, "joblog", "FILE", "Log each finished task as a tab-separated row (GNU "
                        + "parallel's columns), written and flushed as the task ends."))
                .addOption(flag(null, "resume", "Skip the tasks that the joblog lists (matched on key with "
                        + "--tasks, else on sequence number); append to the joblog."))
                .addOption(flag(null, "resume-failed", "As --resume, but run again the tasks the joblog lists "
                        + "as failed."))
                .addOption(valued(null, "retries", "N", "Run a failing task up to N times in all (as GNU "
                        + "parallel). Default: 1."))
                .addOption(valued(null, "halt", "WHEN", "Stop early: now,fail=N (stop running tasks too) or "
                        + "soon,fail=N (let them finish); also N%, success=, done=; never (the default)."))
                .addOption(flag(null, "bar", "Show a progress bar with counts and ETA on stderr, if stderr is a "
                        + "terminal."))
                .addOption(flag(null, "bar-always", "Show the progress bar even when stderr is not a terminal."))
                .addOption(flag(null, "print-results", "At the end, print the seed's report of every result."))
                .addOption(valued(null, "output-limit", "BYTES", "Print at most the first BYTES (1K, 64M, ...) "
                        + "of each task's stdout and of its stderr; a task whose output is cut gets a line on "
                        + "stderr and counts as failed in the exit status. Default: 0, no limit."))
                .addOption(valued(null, "cluster", "HOST:PORT,...", "Run the tasks on these cluster members "
                        + "(see jconcurrent --serve, and docs/cluster.md); the joblog's Host column names the member."))
                .addOption(flag(null, "cluster-include-local", "With --cluster: run tasks on this machine too, "
                        + "-j at a time."))
                .addOption(valued(null, "cluster-name", "NAME", "With --cluster: the cluster's name. Default: "
                        + "jconcurrent."))
                .addOption(valued(null, "secret-file", "FILE", "With --cluster: the cluster's shared secret; "
                        + "required unless every member address is loopback."))
                .addOption(flag("h", "help", "Show this help and exit."))
                .addOption(flag("V", "version", "Print the version and exit."));
    }

    private static Option flag(String shortName, String longName, String description) {
        return Option.builder(shortName).longOpt(longName).desc(description).get();
    }

    private static Option valued(String shortName, String longName, String label, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(label).desc(description).get();
    }

    /**
     * Parses the command line: options up to the first other word, which starts the command. A
     * repeated option's last value counts.
     *
     * @throws UsageException for an unknown option, a missing or malformed value, naming it
     */
    static JconcurrentCommand parse(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options(), args, true);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        JconcurrentCommand c = new JconcurrentCommand();
        c.words = cl.getArgList();
        int firstWord = args.length - c.words.size();
        String first = c.words.isEmpty() ? "" : c.words.getFirst();
        boolean afterDoubleDash = firstWord > 0 && args[firstWord - 1].equals("--");
        if (first.startsWith("-") && first.length() > 1 && !afterDoubleDash) {
            throw new UsageException("unknown option: " + first);
        }
        c.jobs = value(cl, "jobs", null, v -> Integer.valueOf(integer(v)));
        c.timeout = value(cl, "timeout", c.timeout, TimeoutSpec::parse);
        c.grace = value(cl, "grace", c.grace, TimeoutSpec::parse);
        c.tasksFile = value(cl, "tasks", null, Function.identity());
        c.json = cl.hasOption("json");
        c.keepOrder = cl.hasOption("keep-order");
        c.joblog = value(cl, "joblog", null, Path::of);
        c.resume = cl.hasOption("resume");
        c.resumeFailed = cl.hasOption("resume-failed");
        c.retries = value(cl, "retries", c.retries, JconcurrentCommand::integer);
        c.outputLimit = value(cl, "output-limit", c.outputLimit, ByteSize::parse);
        c.halt = value(cl, "halt", c.halt, HaltPolicy::parse);
        c.bar = cl.hasOption("bar");
        c.barAlways = cl.hasOption("bar-always");
        c.printResults = cl.hasOption("print-results");
        c.help = cl.hasOption("help");
        c.version = cl.hasOption("version");
        c.cluster = value(cl, "cluster", null, v -> new ClusterOptions(ClusterOptions.addresses(v),
                cl.hasOption("cluster-include-local"), cl.getOptionValue("cluster-name"),
                cl.hasOption("secret-file") ? Path.of(cl.getOptionValue("secret-file")) : null));
        if (c.cluster == null && (cl.hasOption("cluster-include-local") || cl.hasOption("cluster-name")
                || cl.hasOption("secret-file"))) {
            throw new UsageException("--cluster-include-local, --cluster-name and --secret-file need --cluster");
        }
        if (c.cluster != null && cl.hasOption("print-results")) {
            throw new UsageException("--print-results is not available with --cluster");
        }
        if (c.cluster != null) {
            try {
                ClusterBatch.clusterOf(c.cluster); // addresses and secret, checked before anything runs
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return c;
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
        formatter.printHelp(w, 100, SYNTAX, HEADER + "\n\n", options(), 2, 3, "\n" + FOOTER, false);
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
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 0) {
            throw new UsageException("-j/--jobs must be 0 (no limit) or more, got " + n);
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
        int split = indexOfSeparator(words);
        List<String> commandWords = split < 0 ? words : words.subList(0, split);
        if (commandWords.isEmpty()) {
            throw new UsageException("missing command: say what to run, for example: jconcurrent echo ::: a b c");
        }
        CommandTemplate template = new CommandTemplate(commandWords);
        if (template.programHasPlaceholder()) {
            throw new UsageException("{} in the program name is not supported; put it in the arguments");
        }
        Iterator<TaskInput> tasks;
        long total = -1;
        if (tasksFile != null) {
            if (split >= 0) {
                throw new UsageException("--tasks cannot be combined with " + words.get(split));
            }
            BufferedReader reader = TaskSources.open(tasksFile, stdin);
            List<TaskInput> list = new JsonTaskReader().read(reader, tasksFile);
            tasks = list.iterator();
            total = list.size();
        } else if (split < 0) {
            tasks = TaskSources.ofLines(TaskSources.open("-", stdin), "stdin");
        } else {
            List<String> after = words.subList(split + 1, words.size());
            if (after.contains(ARGS_SEPARATOR) || after.contains(FILE_SEPARATOR)) {
                throw new UsageException("only one ::: or :::: input is supported");
            }
            if (words.get(split).equals(ARGS_SEPARATOR)) {
                tasks = TaskSources.ofArgs(after);
                total = after.size();
            } else {
                if (after.size() != 1) {
                    throw new UsageException(":::: takes exactly one FILE ('-' for stdin), got " + after.size());
                }
                tasks = TaskSources.ofLines(TaskSources.open(after.getFirst(), stdin), after.getFirst());
            }
        }
        RunSettings.Resume resumeMode = resumeFailed ? RunSettings.Resume.SUCCEEDED
                : resume ? RunSettings.Resume.DONE : RunSettings.Resume.NONE;
        return new RunSettings(template, tasks, total, n, timeout, grace.fixed(),
                json ? RunSettings.Format.JSON : RunSettings.Format.GROUPED, keepOrder, joblog, resumeMode,
                tasksFile != null, Math.max(1, retries), halt, barAlways || (bar && stderrIsTerminal), printResults,
                outputLimit);
    }

    private static int indexOfSeparator(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals(ARGS_SEPARATOR) || words.get(i).equals(FILE_SEPARATOR)) {
                return i;
            }
        }
        return -1;
    }
}
