package io.jconcurrent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;

/**
 * Everything a run needs, checked: what the command line asked for, in the CLI's own types.
 *
 * @param template      the command
 * @param tasks         the input tasks, in order
 * @param declaredTotal how many tasks {@code tasks} yields, or -1 when read lazily
 * @param jobs          the most tasks running at once; 0 = no limit
 * @param timeout       each task's time limit
 * @param grace         time between SIGTERM and SIGKILL when a task is stopped
 * @param format        how results are written to stdout
 * @param keepOrder     whether output follows input order
 * @param joblog        the joblog, or null
 * @param resume        which tasks of the joblog to skip
 * @param keyColumn     whether tasks have their own keys (the joblog then has a Key column)
 * @param tries         how many times in all a failing task is run
 * @param halt          when to stop early
 * @param bar           whether to draw a progress bar
 * @param printResults  whether to print the seed's report at the end
 * @param outputLimit   bytes kept of each task's stdout and stderr; 0 = no limit
 * @param gate          what holds task starts back (--delay, --memfree, --load)
 * @param workdir       the directory tasks run in, or null for the current one
 * @param outputs       where output and records go besides stdout (--dry-run, --results, --files, --timeline)
 */
record RunSettings(
        CommandTemplate template,
        Iterator<TaskInput> tasks,
        long declaredTotal,
        int jobs,
        TimeoutSpec timeout,
        Duration grace,
        Format format,
        boolean keepOrder,
        Path joblog,
        Resume resume,
        boolean keyColumn,
        int tries,
        io.jconcurrent.Halt halt,
        boolean bar,
        boolean printResults,
        long outputLimit,
        StartGate gate,
        Path workdir,
        Outputs outputs) {

    /**
     * Output modes beyond the default.
     *
     * @param dryRun   print the commands and run nothing
     * @param results  the --results directory, or null
     * @param files    print the name of a file holding each task's stdout instead of the output
     * @param timeline the --timeline file (.svg or .html), or null
     * @param verbose  -v: print each task's command line on stdout, before its output
     * @param trace    -t: print each task's command line on stderr as it starts
     * @param tmpdir   where --files and --pipe put their files
     * @param tag      --tag or --tagstring: what starts each output line, or null
     * @param live     whether output is printed while tasks run (--line-buffer, --ungroup)
     */
    record Outputs(boolean dryRun, Path results, boolean files, Path timeline, boolean verbose, boolean trace,
            Path tmpdir, TagTemplate tag, Live live) {
    }

    /** Output printed while tasks run: not at all (grouped, the default), as whole lines, or as bytes come. */
    enum Live { NONE, LINES, BYTES }

    /** How results are written to stdout. */
    enum Format { GROUPED, JSON }

    /** What {@code --resume} skips. */
    enum Resume { NONE, DONE, SUCCEEDED }
}
