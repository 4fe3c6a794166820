package io.jconcurrent.cli;

import java.io.BufferedReader;
import java.io.InputStream;
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
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
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
    io.jconcurrent.Halt halt = io.jconcurrent.Halt.never();
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
    /** --env PARALLEL_SEQ or PARALLEL_JOBSLOT: argv commands get parallel's variables too. */
    boolean parallelVariables;
    /** Whether the input is read from stdin (set by {@link #settings}). */
    boolean readsStdin;
    /** The same words as the bytes given ({@link RawText}). */
    List<String> rawWords = List.of();
    /** {@code --cluster} and its companions, or null for a run on this machine only. */
    ClusterOptions cluster;

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
                    .get().parse(CliOptions.options(), args, true);
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
                c.halt = HaltOption.parse(haltText);
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
                c.parallelVariables |= name.equals("PARALLEL_SEQ") || name.equals("PARALLEL_JOBSLOT");
            }
        }
        if (cl.hasOption("shell") && (cl.hasOption("no-shell") || cl.hasOption("quote"))) {
            throw new UsageException("--shell and --no-shell (or -q) contradict each other: give one");
        }
        c.shell = cl.hasOption("shell") ? Boolean.TRUE
                : cl.hasOption("no-shell") || cl.hasOption("quote") ? Boolean.FALSE : null;
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
        InputSyntax syntax = new InputSyntax(argSep, argFileSep, colsep, nullSeparated, delimiter);
        int split = syntax.indexOfSeparator(rawWords);
        List<String> commandWords = split < 0 ? rawWords : rawWords.subList(0, split);
        List<InputSource> sources = new ArrayList<>();
        for (String f : argFiles) {
            sources.add(new InputSource.File(f, false));
        }
        if (split >= 0) {
            sources.addAll(syntax.sources(rawWords.subList(split, rawWords.size())));
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
            readsStdin = argFiles.isEmpty() || argFiles.getFirst().equals("-");
            if (!argFiles.isEmpty() && !argFiles.getFirst().equals("-")) {
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
            tasks = new PipeBlocks(blocks, block, maxArgs == null ? 0 : maxArgs, syntax.recordDelimiter(), outputs().tmpdir());
            total = -1;
        } else if (tasksFile != null) {
            if (!sources.isEmpty()) {
                throw new UsageException("--tasks cannot be combined with other input (:::, ::::, -a)");
            }
            template = new CommandTemplate(mode, commandWords, strings, shellPath, spread, -1);
            readsStdin = tasksFile.equals("-");
            BufferedReader reader = TaskSources.open(tasksFile, stdin);
            List<TaskInput> list = new JsonTaskReader().read(reader, tasksFile);
            tasks = list.iterator();
            total = list.size();
        } else {
            if (sources.isEmpty()) {
                sources.add(new InputSource.File("-", false));
            }
            for (InputSource src : sources) {
                readsStdin |= src instanceof InputSource.File f && f.name().equals("-");
            }
            int perRecord = colsep == null ? sources.size() : -1;
            int positions = perRecord < 0 || grouping.fill() ? -1
                    : maxArgs != null ? perRecord * maxArgs : perRecord;
            template = new CommandTemplate(mode, commandWords, strings, shellPath, spread, positions);
            Pattern columns = syntax.columnSeparator();
            Iterator<List<String>> records = InputRecords.of(sources, link, columns, stdin, syntax.recordDelimiter());
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
            // As parallel: jobs are numbered in the order they run ({#}, the joblog's Seq).
            for (int i = 0; i < all.size(); i++) {
                TaskInput t = all.get(i);
                Object key = t.key().equals(t.seq()) ? (Object) (long) (i + 1) : t.key();
                all.set(i, new TaskInput(i + 1, key, t.arg(), t.records(), t.stdin()));
            }
            tasks = all.iterator();
            total = all.size();
        }
        if (parallelVariables) {
            template = template.withParallelVariables();
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
            String other = json ? "--json" : files ? "--files" : resultsDir != null ? "--results"
                    : keepOrder && ungroup ? "-k"
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
}
