package io.jconcurrent.cli;

import io.jconcurrent.ProcRunMp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line: its options as annotated fields, and {@link #settings} that turns them into one
 * checked {@link RunSettings}. No running happens here.
 */
@Command(name = "jconcurrent",
        mixinStandardHelpOptions = true,
        versionProvider = JconcurrentCommand.VersionLine.class,
        sortOptions = false,
        usageHelpWidth = 100,
        customSynopsis = {
            "jconcurrent [OPTIONS] COMMAND [ARGS...] ::: ARG...",
            "jconcurrent [OPTIONS] COMMAND [ARGS...] :::: FILE",
            "jconcurrent [OPTIONS] COMMAND [ARGS...] < FILE",
            "jconcurrent [OPTIONS] --tasks FILE COMMAND [ARGS...]",
        },
        description = {
            "",
            "Runs COMMAND once per task, several at a time, each in its own process group, and prints each "
                    + "task's output whole when it ends (GNU parallel's grouping).",
            "",
            "Tasks: one per ARG after ':::', one per line of FILE after '::::' ('-' is stdin), or one per line "
                    + "of stdin. Each {} in ARGS is replaced by the task's arg; without {}, the arg is appended. "
                    + "No shell is involved: an arg is always exactly one argument, whatever it contains.",
            "",
        },
        footer = {
            "",
            "Exit status: 0 if every task succeeded; else the number of tasks that did not (at most 101); "
                    + "2 for a usage error (nothing ran); 130 after Ctrl-C, 143 after SIGTERM; 255 if jconcurrent "
                    + "itself failed.",
            "",
            "Example (five sleeps, four at a time, each limited to 30 s):",
            "  jconcurrent -j 4 --timeout 30 /usr/bin/sleep ::: 1 7 2 2 1",
        })
final class JconcurrentCommand {

    static final String ARGS_SEPARATOR = ":::";
    static final String FILE_SEPARATOR = "::::";

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Run at most N tasks at once; 0 = no limit. Default: the number of CPU cores.")
    Integer jobs;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = TimeoutConverter.class,
            description = "Stop a task (its whole process tree) that runs longer than this: seconds (30, 0.5, "
                    + "or 2m, 1h, 1d), or N% of the median run time of the tasks that succeeded so far.")
    TimeoutSpec timeout = TimeoutSpec.NONE;

    @Option(names = "--grace", paramLabel = "SECONDS", converter = TimeoutConverter.class,
            description = "Time a stopped task gets between SIGTERM and SIGKILL. Default: 0.5.")
    TimeoutSpec grace = new TimeoutSpec(Duration.ofMillis(500), -1);

    @Option(names = "--tasks", paramLabel = "FILE",
            description = "Read tasks as JSON Lines of {\"key\": ..., \"arg\": ...} ('-' = stdin); keys are strings "
                    + "or integers and name the tasks in --json, the joblog and --resume.")
    String tasksFile;

    @Option(names = "--json", description = "Print one JSON object per task on stdout as it ends, with every field "
            + "of its result (the seed's names: key, arg, time_start, time_run, success, timeout, returncode, "
            + "stdout, stderr, answer; then status, stop_reason, ...).")
    boolean json;

    @Option(names = {"-k", "--keep-order"}, description = "Print results in input order, not completion order.")
    boolean keepOrder;

    @Option(names = "--joblog", paramLabel = "FILE", description = "Log each finished task as a tab-separated row "
            + "(GNU parallel's columns), written and flushed as the task ends.")
    Path joblog;

    @Option(names = "--resume", description = "Skip the tasks that the joblog lists (matched on key with --tasks, "
            + "else on sequence number); append to the joblog.")
    boolean resume;

    @Option(names = "--resume-failed", description = "As --resume, but run again the tasks the joblog lists as "
            + "failed.")
    boolean resumeFailed;

    @Option(names = "--retries", paramLabel = "N", description = "Run a failing task up to N times in all "
            + "(as GNU parallel). Default: 1.")
    int retries = 1;

    @Option(names = "--halt", paramLabel = "WHEN", converter = HaltConverter.class,
            description = "Stop early: now,fail=N (stop running tasks too) or soon,fail=N (let them finish); "
                    + "also N%, success=, done=; never (the default).")
    HaltPolicy halt = HaltPolicy.NEVER;

    @Option(names = "--bar", description = "Show a progress bar with counts and ETA on stderr, if stderr is a "
            + "terminal.")
    boolean bar;

    @Option(names = "--bar-always", description = "Show the progress bar even when stderr is not a terminal.",
            hidden = false)
    boolean barAlways;

    @Option(names = "--print-results", description = "At the end, print the seed's report of every result.")
    boolean printResults;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, its arguments, and the tasks.")
    List<String> words = List.of();

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
                tasksFile != null, Math.max(1, retries), halt, barAlways || (bar && stderrIsTerminal), printResults);
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

    /** {@code --timeout} and {@code --grace} values. */
    static final class TimeoutConverter implements ITypeConverter<TimeoutSpec> {
        @Override
        public TimeoutSpec convert(String value) {
            return TimeoutSpec.parse(value);
        }
    }

    /** {@code --halt} values. */
    static final class HaltConverter implements ITypeConverter<HaltPolicy> {
        @Override
        public HaltPolicy convert(String value) {
            return HaltPolicy.parse(value);
        }
    }
}
