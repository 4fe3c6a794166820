package io.jconcurrent.cli;

import io.jconcurrent.ProcRunMp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line: its options, and {@link #settings} that turns them into one checked
 * {@link RunSettings}. No running happens here.
 *
 * <p>The picocli model is built in code rather than from annotations: reading annotations
 * reflectively cost about 0.2 s of CPU per start, half of what a whole GNU parallel run of one task costs.
 */
final class JconcurrentCommand {

    static final String ARGS_SEPARATOR = ":::";
    static final String FILE_SEPARATOR = "::::";

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
    long outputLimit = DEFAULT_OUTPUT_LIMIT;
    List<String> words = List.of();

    /** Enough for any sane task's output, small enough that a runaway task cannot exhaust the heap. */
    static final long DEFAULT_OUTPUT_LIMIT = 64L << 20;

    /** The command line's model: options, positional words, help and version. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("jconcurrent").versionProvider(new VersionLine());
        spec.usageMessage().width(100).sortOptions(false)
                .customSynopsis(
                        "jconcurrent [OPTIONS] COMMAND [ARGS...] ::: ARG...",
                        "jconcurrent [OPTIONS] COMMAND [ARGS...] :::: FILE",
                        "jconcurrent [OPTIONS] COMMAND [ARGS...] < FILE",
                        "jconcurrent [OPTIONS] --tasks FILE COMMAND [ARGS...]")
                .description(
                        "",
                        "Runs COMMAND once per task, several at a time, each in its own process group, and prints "
                                + "each task's output whole when it ends (GNU parallel's grouping).",
                        "",
                        "Tasks: one per ARG after ':::', one per line of FILE after '::::' ('-' is stdin), or one "
                                + "per line of stdin. Each {} in ARGS is replaced by the task's arg; without {}, the "
                                + "arg is appended. No shell is involved: an arg is always exactly one argument, "
                                + "whatever it contains.",
                        "")
                .footer(
                        "",
                        "Exit status: 0 if every task succeeded; else the number of tasks that did not (at most "
                                + "101); 2 for a usage error (nothing ran); 130 after Ctrl-C, 143 after SIGTERM; 255 "
                                + "if jconcurrent itself failed.",
                        "",
                        "Example (five sleeps, four at a time, each limited to 30 s):",
                        "  jconcurrent -j 4 --timeout 30 /usr/bin/sleep ::: 1 7 2 2 1");
        ITypeConverter<TimeoutSpec> time = v -> converted(v, TimeoutSpec::parse);
        ITypeConverter<HaltPolicy> haltValue = v -> converted(v, HaltPolicy::parse);
        spec.addOption(valued(Integer.class, "N", "Run at most N tasks at once; 0 = no limit. "
                + "Default: the number of CPU cores.", "-j", "--jobs"));
        spec.addOption(valued(TimeoutSpec.class, "SECONDS", "Stop a task (its whole process tree) that runs "
                + "longer than this: seconds (30, 0.5, or 2m, 1h, 1d), or N%% of the median run time of the tasks "
                + "that succeeded so far.", "--timeout").toBuilder().converters(time).build());
        spec.addOption(valued(TimeoutSpec.class, "SECONDS", "Time a stopped task gets between SIGTERM and SIGKILL."
                + " Default: 0.5.", "--grace").toBuilder().converters(time).build());
        spec.addOption(valued(String.class, "FILE", "Read tasks as JSON Lines of {\"key\": ..., \"arg\": ...} "
                + "('-' = stdin); keys are strings or integers and name the tasks in --json, the joblog and "
                + "--resume.", "--tasks"));
        spec.addOption(flag("Print one JSON object per task on stdout as it ends, with every field of its result "
                + "(the seed's names: key, arg, time_start, time_run, success, timeout, returncode, stdout, stderr, "
                + "answer; then status, stop_reason, ...).", "--json"));
        spec.addOption(flag("Print results in input order, not completion order.", "-k", "--keep-order"));
        spec.addOption(valued(Path.class, "FILE", "Log each finished task as a tab-separated row (GNU parallel's "
                + "columns), written and flushed as the task ends.", "--joblog"));
        spec.addOption(flag("Skip the tasks that the joblog lists (matched on key with --tasks, else on sequence "
                + "number); append to the joblog.", "--resume"));
        spec.addOption(flag("As --resume, but run again the tasks the joblog lists as failed.", "--resume-failed"));
        spec.addOption(valued(Integer.class, "N", "Run a failing task up to N times in all (as GNU parallel). "
                + "Default: 1.", "--retries"));
        spec.addOption(valued(HaltPolicy.class, "WHEN", "Stop early: now,fail=N (stop running tasks too) or "
                + "soon,fail=N (let them finish); also N%%, success=, done=; never (the default).", "--halt")
                .toBuilder().converters(haltValue).build());
        spec.addOption(flag("Show a progress bar with counts and ETA on stderr, if stderr is a terminal.", "--bar"));
        spec.addOption(flag("Show the progress bar even when stderr is not a terminal.", "--bar-always"));
        spec.addOption(flag("At the end, print the seed's report of every result.", "--print-results"));
        spec.addOption(valued(Long.class, "BYTES", "Keep at most this much of each task's stdout and of its "
                + "stderr (the first and the last half, with a marker line between); 0 = no limit. Default: 64M.",
                "--output-limit").toBuilder().converters(v -> converted(v, ByteSize::parse)).build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print the version and exit.").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..*").type(String[].class)
                .description("The command, its arguments, and the tasks.").build());
        return spec;
    }

    /** A value parsed by {@code parser}, whose message becomes picocli's "Invalid value" message. */
    private static <T> T converted(String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).arity("0").type(boolean.class).description(description).build();
    }

    private static OptionSpec valued(Class<?> type, String label, String description, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description).build();
    }

    /** The options a successful parse found. */
    static JconcurrentCommand from(ParseResult parsed) {
        JconcurrentCommand c = new JconcurrentCommand();
        c.jobs = parsed.matchedOptionValue("--jobs", null);
        c.timeout = parsed.matchedOptionValue("--timeout", c.timeout);
        c.grace = parsed.matchedOptionValue("--grace", c.grace);
        c.tasksFile = parsed.matchedOptionValue("--tasks", null);
        c.json = parsed.hasMatchedOption("--json");
        c.keepOrder = parsed.hasMatchedOption("--keep-order");
        c.joblog = parsed.matchedOptionValue("--joblog", null);
        c.resume = parsed.hasMatchedOption("--resume");
        c.resumeFailed = parsed.hasMatchedOption("--resume-failed");
        c.retries = parsed.matchedOptionValue("--retries", c.retries);
        c.outputLimit = parsed.matchedOptionValue("--output-limit", c.outputLimit);
        c.halt = parsed.matchedOptionValue("--halt", c.halt);
        c.bar = parsed.hasMatchedOption("--bar");
        c.barAlways = parsed.hasMatchedOption("--bar-always");
        c.printResults = parsed.hasMatchedOption("--print-results");
        String[] positional = parsed.matchedPositionalValue(0, new String[0]);
        c.words = List.of(positional);
        return c;
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

    /** The version line of the library the CLI runs on. */
    static final class VersionLine implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ProcRunMp.version()};
        }
    }
}
