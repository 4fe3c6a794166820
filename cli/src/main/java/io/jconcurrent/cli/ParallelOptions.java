package io.jconcurrent.cli;

import java.util.Map;

/**
 * GNU parallel's options that jconcurrent does not have, each with what to use instead, so that a
 * parallel command line that uses one is refused with a reason rather than an "unknown option".
 * docs/cli.md's option table says the same for every option of parallel.
 */
final class ParallelOptions {

    private static final String REMOTE = "jconcurrent runs tasks on this machine only (the cluster module spreads a "
            + "batch over machines); run it on each host, for example through ssh";
    private static final String PERL = "jconcurrent has no Perl inside; compute values in a shell command instead";
    private static final String EOF = "end the input where you want it, for example with sed '/^EOF$/q'";
    private static final String LINES = "jconcurrent splits input at a newline, a NUL (-0) or one byte (-d)";
    private static final String SQL = "jconcurrent keeps no SQL queue; use --joblog and --resume to share and "
            + "resume a batch";

    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("S", REMOTE), Map.entry("sshlogin", REMOTE), Map.entry("slf", REMOTE),
            Map.entry("sshloginfile", REMOTE), Map.entry("basefile", REMOTE), Map.entry("bf", REMOTE),
            Map.entry("transfer", REMOTE), Map.entry("transferfile", REMOTE), Map.entry("tf", REMOTE),
            Map.entry("return", REMOTE), Map.entry("trc", REMOTE), Map.entry("cleanup", REMOTE),
            Map.entry("onall", REMOTE), Map.entry("nonall", REMOTE), Map.entry("controlmaster", REMOTE),
            Map.entry("M", REMOTE), Map.entry("ssh", REMOTE), Map.entry("ssh-delay", REMOTE),
            Map.entry("filter-hosts", REMOTE), Map.entry("hostgroups", REMOTE), Map.entry("hgrp", REMOTE),
            Map.entry("workdir-remote", REMOTE), Map.entry("rsync-opts", REMOTE),
            Map.entry("plus", "the --plus replacement strings are not supported; the standard ones ({} {.} {/} {//} "
                    + "{/.} {#} {%} and {n}...) are"),
            Map.entry("rpl", PERL), Map.entry("parens", PERL),
            Map.entry("sql", SQL), Map.entry("sqlmaster", SQL), Map.entry("sql-master", SQL),
            Map.entry("sqlworker", SQL), Map.entry("sql-worker", SQL), Map.entry("sqlandworker", SQL),
            Map.entry("sql-and-worker", SQL),
            Map.entry("semaphore", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("sem", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("tmux", "jconcurrent keeps each task's output; see --results DIR"),
            Map.entry("tmuxpane", "jconcurrent keeps each task's output; see --results DIR"),
            Map.entry("fifo", "read stdin from the task instead, with --pipe"),
            Map.entry("cat", "read stdin from the task instead, with --pipe"),
            Map.entry("pipe-part", "use --pipe, which reads the input in bounded memory"),
            Map.entry("round-robin", "use --pipe"), Map.entry("round", "use --pipe"),
            Map.entry("shard", "split the input first (for example with awk) and run one task per part"),
            Map.entry("bin", "split the input first (for example with awk) and run one task per part"),
            Map.entry("group-by", "split the input first (for example with awk) and run one task per part"),
            Map.entry("shebang", "write the command in the script, for example: jconcurrent CMD :::: \"$0\""),
            Map.entry("hashbang", "write the command in the script, for example: jconcurrent CMD :::: \"$0\""),
            Map.entry("shebang-wrap", "call jconcurrent from the script"),
            Map.entry("embed", "call bin/jconcurrent from your script"),
            Map.entry("record-env", "pass variables with --env NAME"),
            Map.entry("profile", "put the options in a shell alias or function"),
            Map.entry("J", "put the options in a shell alias or function"),
            Map.entry("interactive", "jconcurrent does not ask before each task"),
            Map.entry("p", "jconcurrent does not ask before each task"),
            Map.entry("tty", "tasks get no terminal; run an interactive program yourself"),
            Map.entry("open-tty", "tasks get no terminal; run an interactive program yourself"),
            Map.entry("o", "tasks get no terminal; run an interactive program yourself"),
            Map.entry("latest-line", "use --line-buffer or --tag"), Map.entry("ll", "use --line-buffer or --tag"),
            Map.entry("csv", "use --colsep , for simple CSV, or convert it to JSON Lines for --tasks"),
            Map.entry("compress", "write output to files with --results DIR and compress them after"),
            Map.entry("compress-program", "write output to files with --results DIR and compress them after"),
            Map.entry("decompress-program", "write output to files with --results DIR and compress them after"),
            Map.entry("template", "generate the files in the command, for example with sed"),
            Map.entry("tmpl", "generate the files in the command, for example with sed"),
            Map.entry("memsuspend", "use --memfree, which holds new tasks back instead"),
            Map.entry("limit", "use --load or --memfree, or a check in the command itself"),
            Map.entry("shell-completion", "jconcurrent ships no shell completion"),
            Map.entry("color", "not supported"), Map.entry("color-failed", "not supported"),
            Map.entry("cf", "not supported"), Map.entry("ctag", "use --tag"), Map.entry("ctagstring", "use --tagstring"),
            Map.entry("tee", "run one task per consumer and read the input in each"),
            Map.entry("use-sockets-instead-of-threads", "jconcurrent counts what Java reports as processors"),
            Map.entry("use-cores-instead-of-threads", "jconcurrent counts what Java reports as processors"),
            Map.entry("use-cpus-instead-of-cores", "jconcurrent counts what Java reports as processors"),
            Map.entry("minversion", "use jconcurrent --version"),
            Map.entry("gnu", "jconcurrent has one behaviour"), Map.entry("tollef", "jconcurrent has one behaviour"),
            Map.entry("E", EOF), Map.entry("eof", EOF), Map.entry("e", EOF),
            Map.entry("header", "skip it with --skip-first-line and use {1}, {2} ... for the columns"),
            Map.entry("trim", "put the blanks in --colsep, for example --colsep '\\s*,\\s*'"),
            Map.entry("regexp", LINES), Map.entry("recstart", LINES), Map.entry("recend", LINES),
            Map.entry("remove-rec-sep", LINES), Map.entry("removerecsep", LINES), Map.entry("rrs", LINES),
            Map.entry("L", "use -N"), Map.entry("max-lines", "use -N"), Map.entry("l", "use -N"),
            Map.entry("x", "jconcurrent makes every command line fit -s"),
            Map.entry("exit", "jconcurrent makes every command line fit -s"),
            Map.entry("max-line-length-allowed", "-X and -m make lines of at most -s bytes (default 63664, as parallel on Linux)"),
            Map.entry("show-limits", "-X and -m make lines of at most -s bytes (default 63664, as parallel on Linux)"),
            Map.entry("i", "use -I {}"), Map.entry("replace", "use -I {}"),
            Map.entry("shellquote", "jconcurrent quotes every value put into a shell command itself"),
            Map.entry("shell-quote", "jconcurrent quotes every value put into a shell command itself"),
            Map.entry("noswap", "use --memfree"),
            Map.entry("nice", "run jconcurrent itself with nice: its tasks inherit the niceness"),
            Map.entry("retry-failed", "use --joblog FILE --resume-failed"),
            Map.entry("process-slot-var", "use {%} (or $PARALLEL_JOBSLOT in a shell command)"),
            Map.entry("term-seq", "a stopped task gets SIGTERM, then SIGKILL after --grace"),
            Map.entry("total-jobs", "not needed: --bar and --eta count the input when it is known"),
            Map.entry("total", "not needed: --bar and --eta count the input when it is known"),
            Map.entry("block-timeout", "use --block or -N"), Map.entry("bt", "use --block or -N"),
            Map.entry("session", "pass variables with the environment"),
            Map.entry("bg", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("fg", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("wait", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("id", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("semaphore-name", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("semaphore-timeout", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("st", "use flock(1) or a jconcurrent run with -j N around the whole job"),
            Map.entry("filter", "filter the input before it reaches jconcurrent (grep, awk)"));

    private ParallelOptions() {
    }

    /** The message for an option word jconcurrent does not know: a reason when it is one of parallel's. */
    static String unknown(String word) {
        String name = word.startsWith("--") ? word.substring(2) : word.substring(1);
        int eq = name.indexOf('=');
        if (eq >= 0) {
            name = name.substring(0, eq);
        }
        if (!word.startsWith("--") && name.length() > 1) {
            name = name.substring(0, 1);
        }
        String hint = UNSUPPORTED.get(name);
        if (hint != null) {
            return "GNU parallel's " + (word.startsWith("--") ? "--" : "-") + name + " is not supported by "
                    + "jconcurrent: " + hint;
        }
        return "unknown option: " + word;
    }
}
