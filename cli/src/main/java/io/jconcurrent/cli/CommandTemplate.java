package io.jconcurrent.cli;

import io.jconcurrent.cli.ReplacementStrings.Literal;
import io.jconcurrent.cli.ReplacementStrings.Replaced;
import io.jconcurrent.cli.ReplacementStrings.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The command given on the command line, and how one job's values go into it, as in GNU parallel:
 * each replacement string ({@link ReplacementStrings}) is replaced, and a command with none gets the
 * job's values appended. All text is raw ({@link RawText}).
 *
 * <p>Three forms ({@link Mode}): an argv command runs as given, never through a shell, each value
 * exactly one argument (or, where a replacement string stands for several values, split where
 * parallel's shell would split them); a shell command (one string, or {@code --shell}) runs as
 * {@code SHELL -c SCRIPT} with every value single-quoted into the script, so that no value can be
 * read as shell syntax; and with no command, each job's values are the shell command.
 */
final class CommandTemplate {

    /** How the command runs. */
    enum Mode {
        /** The words are the program and its arguments; no shell. */
        ARGV,
        /** The words, joined with spaces, are a shell script; values are quoted into it. */
        SHELL,
        /** No command: each job's values, joined with spaces, are the shell script itself. */
        LINES
    }

    /** How several records share one command line ({@code -X}, {@code -m}). */
    enum Spread {
        /** Every replacement string stands for all of the job's values. */
        ALL,
        /**
         * {@code -X} and {@code -N}: a word with {@code {}} (or its forms) is repeated for each record of the
         * job, as parallel's "context replace".
         */
        CONTEXT
    }

    private final Mode mode;
    private final String shell;
    private final Spread spread;
    /** Parsed words: in ARGV the program and its args; in SHELL and LINES one word, the script. */
    private final List<List<Segment>> words;
    private final boolean programVaries;
    private final boolean usesInput;
    private final List<String> sourceWords;
    private final boolean pipe;
    /** Whether {@code {}} was appended because the command has no replacement string. */
    private final boolean appended;

    /**
     * @param mode         how the command runs
     * @param commandWords the command's words (raw strings); empty for {@link Mode#LINES}
     * @param strings      the replacement strings in force
     * @param shell        the shell for {@link Mode#SHELL} and {@link Mode#LINES} and for a program that
     *                     is itself a replacement string
     * @param spread       how a job's several records go into one command line
     * @param positions    how many values each record has, when every record has the same known number
     *                     (a positional string past it is an error); -1 when not known
     * @throws UsageException for a replacement string that is refused or out of range, naming it
     */
    CommandTemplate(Mode mode, List<String> commandWords, ReplacementStrings strings, String shell, Spread spread,
            int positions) throws UsageException {
        this.mode = mode;
        this.shell = shell;
        this.spread = spread;
        this.sourceWords = List.copyOf(commandWords);
        this.pipe = false;
        List<List<Segment>> parsed = new ArrayList<>();
        switch (mode) {
            case ARGV -> {
                for (String w : commandWords) {
                    parsed.add(strings.parse(w));
                }
            }
            case SHELL -> parsed.add(strings.parse(String.join(" ", commandWords)));
            case LINES -> parsed.add(List.of(new Replaced("{}", ReplacementStrings.Name.ARG.replacement())));
        }
        boolean anyReplacement = false;
        for (List<Segment> word : parsed) {
            anyReplacement |= hasReplacement(word, false);
        }
        this.appended = !anyReplacement;
        if (!anyReplacement) {
            Replaced all = new Replaced("{}", ReplacementStrings.Name.ARG.replacement());
            if (mode == Mode.ARGV) {
                parsed.add(List.of(all));
            } else {
                List<Segment> script = new ArrayList<>(parsed.getFirst());
                script.add(new Literal(" "));
                script.add(all);
                parsed.set(0, script);
            }
        }
        for (List<Segment> word : parsed) {
            for (Segment s : word) {
                if (s instanceof Replaced r && r.replacement().position() != 0 && positions >= 0
                        && Math.abs(r.replacement().position()) > positions) {
                    throw new UsageException("'" + r.written() + "' but each job has only " + positions
                            + (positions == 1 ? " value" : " values")
                            + " (one per input source, or per column with --colsep; -N n makes n per job)");
                }
            }
        }
        this.words = List.copyOf(parsed);
        // A program that varies, or whose name is not UTF-8 (the library takes a program name as text), runs
        // through the shell with every word quoted: the same argv, reached byte for byte.
        this.programVaries = mode == Mode.ARGV && (hasReplacement(words.getFirst(), false)
                || !RawText.isUtf8(literalText(words.getFirst())));
        boolean input = false;
        for (List<Segment> word : words) {
            input |= hasReplacement(word, true);
        }
        this.usesInput = input;
        if (mode == Mode.ARGV && !programVaries && words.getFirst().size() == 1
                && words.getFirst().getFirst() instanceof Literal l && l.text().isBlank()) {
            throw new UsageException("the command's program name is empty");
        }
    }

    Mode mode() {
        return mode;
    }

    /**
     * Whether a job's slot number shows in its command: {@code {%}} in it, or a shell, whose script
     * sets {@code PARALLEL_JOBSLOT}. (Tracking slots costs a wait when a task starts just before the
     * one it replaces has reported, so runs that do not show them do not track them.)
     */
    boolean showsSlot() {
        if (mode != Mode.ARGV || pipe || programVaries) {
            return true;
        }
        for (List<Segment> word : words) {
            for (Segment s : word) {
                if (s instanceof Replaced r && r.replacement().kind() == Replacement.Kind.SLOT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the command uses the job's values at all (else {@code {}} was appended). */
    boolean usesInput() {
        return usesInput;
    }

    /** Whether every job runs the command's first word as its program (else the shell). */
    boolean runsProgramDirectly() {
        return mode == Mode.ARGV && !programVaries && !pipe;
    }

    /** The program every job runs (raw): the command's first word, or the shell. */
    String program() {
        return runsProgramDirectly() ? literalText(words.getFirst()) : shell;
    }

    /**
     * This command with parallel's variables ({@code PARALLEL_SEQ}, {@code PARALLEL_JOBSLOT}) for an argv
     * command too: it then runs through the shell, every word quoted (the same argv), which sets them
     * and execs the program: one more exec per task, so only when asked for ({@code --env PARALLEL_SEQ}).
     */
    CommandTemplate withParallelVariables() {
        return mode == Mode.ARGV && !programVaries ? new CommandTemplate(this, pipe, true) : this;
    }

    /**
     * This command for {@code --pipe}: each job reads a file as its stdin, so every job runs through
     * the shell, which opens the file ({@code exec <FILE}) and then runs the command (an argv command
     * quoted word by word, so it still means the same).
     */
    CommandTemplate forPipe() {
        return new CommandTemplate(this, true, programVaries);
    }

    private CommandTemplate(CommandTemplate base, boolean pipe, boolean viaShell) {
        this.mode = base.mode;
        this.shell = base.shell;
        this.spread = base.spread;
        this.sourceWords = base.sourceWords;
        this.programVaries = viaShell;
        this.usesInput = base.usesInput;
        this.pipe = pipe;
        this.appended = base.appended && !pipe;
        if (pipe && base.appended) {
            // A --pipe job's input is its stdin: nothing is appended (not even the blank before {}), as in parallel.
            List<List<Segment>> w = new ArrayList<>(base.words);
            if (base.mode == Mode.ARGV) {
                w.removeLast();
            } else {
                List<Segment> script = w.getFirst();
                w.set(0, List.copyOf(script.subList(0, script.size() - 2)));
            }
            this.words = List.copyOf(w);
        } else {
            this.words = base.words;
        }
    }

    /** The arguments after {@link #program()} for a job that reads {@code stdinFile} (raw) as its stdin. */
    List<String> args(JobArgs job, String stdinFile) {
        if (stdinFile == null) {
            return args(job);
        }
        String body = mode == Mode.ARGV ? "exec " + ShellQuote.join(argv(job)) : script(job);
        return List.of("-c", environment(job) + "exec <" + ShellQuote.quote(stdinFile) + "\n" + body);
    }

    /** The arguments after {@link #program()} for this job (raw strings). */
    List<String> args(JobArgs job) {
        if (pipe) {
            throw new IllegalStateException("a --pipe job needs its stdin file");
        }
        return switch (mode) {
            case ARGV -> {
                List<String> argv = argv(job);
                yield programVaries ? List.of("-c", environment(job) + "exec " + ShellQuote.join(argv))
                        : argv.subList(1, argv.size());
            }
            case SHELL, LINES -> List.of("-c", environment(job) + script(job));
        };
    }

    /**
     * The variables GNU parallel gives each job, set at the start of its script (a shell command costs
     * nothing more this way; an argv command has no script, and gets {@code {#}} and {@code {%}} only as
     * replacement strings).
     */
    private static String environment(JobArgs job) {
        return "export PARALLEL_SEQ=" + job.seq() + " PARALLEL_JOBSLOT=" + job.slot() + "\n";
    }

    /**
     * The command line of this job as a shell would read it (raw): for an argv command its words,
     * quoted where needed (parallel's {@code --dry-run} and joblog form); else the script.
     */
    String commandLine(JobArgs job) {
        return mode == Mode.ARGV ? quotedArgv(job) : script(job);
    }

    /**
     * An argv command's words as one line, each literal part and each value quoted apart, as parallel
     * writes a command ({@code p{}q} with {@code a b} is {@code p'a b'q}), so the joblog matches its.
     */
    private String quotedArgv(JobArgs job) {
        StringBuilder line = new StringBuilder();
        for (List<Segment> word : words) {
            if (spread == Spread.CONTEXT && job.records().size() > 1 && perRecord(word)) {
                for (int i = 0; i < job.records().size(); i++) {
                    quoteWord(word, job.record(i), line);
                }
            } else {
                quoteWord(word, job, line);
            }
        }
        return line.toString();
    }

    /** Appends one word of {@link #argv} (or the several a multi-valued replacement makes), quoted. */
    private static void quoteWord(List<Segment> word, JobArgs job, StringBuilder line) {
        StringBuilder w = new StringBuilder();
        boolean any = false;
        boolean missing = false;
        for (Segment s : word) {
            if (s instanceof Literal l) {
                if (!l.text().isEmpty()) {
                    w.append(ShellQuote.quote(l.text()));
                }
                any = true;
            } else if (((Replaced) s).replacement().missing(job)) {
                // parallel writes a missing position as nothing, not as ''
                any = true;
                missing = true;
            } else {
                List<String> values = ((Replaced) s).replacement().values(job);
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        w.append(' ');
                    }
                    w.append(ShellQuote.quote(values.get(i)));
                    any = true;
                }
            }
        }
        if (any) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(w.isEmpty() && !missing ? "''" : w);
        }
    }

    /** The words of the command, as given (raw), for messages. */
    List<String> sourceWords() {
        return sourceWords;
    }

    /** An argv command's words for a job: program first. */
    List<String> argv(JobArgs job) {
        List<String> argv = new ArrayList<>();
        for (List<Segment> word : words) {
            if (spread == Spread.CONTEXT && job.records().size() > 1 && perRecord(word)) {
                for (int i = 0; i < job.records().size(); i++) {
                    expand(word, job.record(i), argv);
                }
            } else {
                expand(word, job, argv);
            }
        }
        return argv;
    }

    /** The shell script for a job. */
    private String script(JobArgs job) {
        StringBuilder sb = new StringBuilder();
        List<Segment> word = words.getFirst();
        if (spread == Spread.CONTEXT && job.records().size() > 1 && mode == Mode.SHELL) {
            // -X in a script: each whitespace-separated word with a replacement string is repeated per record.
            return contextScript(job);
        }
        for (Segment s : word) {
            appendScript(s, job, sb);
        }
        return sb.toString();
    }

    private void appendScript(Segment s, JobArgs job, StringBuilder sb) {
        // if/else, not a pattern switch: a switch on the sealed type costs a generated class at start-up
        if (s instanceof Literal l) {
            sb.append(l.text());
        } else {
            List<String> values = ((Replaced) s).replacement().values(job);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(mode == Mode.LINES ? values.get(i) : ShellQuote.quote(values.get(i)));
            }
        }
    }

    private String contextScript(JobArgs job) {
        // Split the script's segments into space-separated words (spaces in literal text only).
        List<List<Segment>> scriptWords = new ArrayList<>();
        List<String> separators = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        for (Segment s : words.getFirst()) {
            if (s instanceof Literal l) {
                String t = l.text();
                int start = 0;
                for (int i = 0; i < t.length(); i++) {
                    if (t.charAt(i) == ' ') {
                        if (i > start) {
                            current.add(new Literal(t.substring(start, i)));
                        }
                        scriptWords.add(current);
                        separators.add(" ");
                        current = new ArrayList<>();
                        start = i + 1;
                    }
                }
                if (start < t.length()) {
                    current.add(new Literal(t.substring(start)));
                }
            } else {
                current.add(s);
            }
        }
        scriptWords.add(current);
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < scriptWords.size(); w++) {
            if (w > 0) {
                sb.append(separators.get(w - 1));
            }
            List<Segment> word = scriptWords.get(w);
            if (perRecord(word)) {
                for (int i = 0; i < job.records().size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    for (Segment s : word) {
                        appendScript(s, job.record(i), sb);
                    }
                }
            } else {
                for (Segment s : word) {
                    appendScript(s, job, sb);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Appends a word's expansion: literal text joins the current word, and a replacement string that
     * stands for several values ends the word after its first value and starts one per further
     * value, as parallel's shell splits {@code pre{}post} around the quoted values.
     */
    private static void expand(List<Segment> word, JobArgs job, List<String> out) {
        StringBuilder current = new StringBuilder();
        boolean any = false;
        for (Segment s : word) {
            if (s instanceof Literal l) {
                current.append(l.text());
                any = true;
            } else {
                List<String> values = ((Replaced) s).replacement().values(job);
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.add(current.toString());
                        current.setLength(0);
                    }
                    current.append(values.get(i));
                    any = true;
                }
            }
        }
        if (any) {
            out.add(current.toString());
        }
    }

    /** Whether a word is repeated per record with -X and -N: it has {@code {}} or one of its forms. */
    private static boolean perRecord(List<Segment> word) {
        for (Segment s : word) {
            if (s instanceof Replaced r && r.replacement().perRecord()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word has a replacement string (one that stands for input values, if {@code input}). */
    private static boolean hasReplacement(List<Segment> word, boolean input) {
        for (Segment s : word) {
            if (s instanceof Replaced r && (!input || r.replacement().takesInput())) {
                return true;
            }
        }
        return false;
    }

    private static String literalText(List<Segment> word) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : word) {
            sb.append(((Literal) s).text());
        }
        return sb.toString();
    }
}
