package io.jconcurrent.cli;

import io.jconcurrent.Halt;
import io.jconcurrent.OutputPolicy;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.RunnerBuilder;
import io.jconcurrent.TaskTimeout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One run of the CLI: turns the settings into one engine configuration, feeds it the tasks, routes
 * each result to the outputs as its task ends, and turns the outcome into an exit status. The engine
 * does all scheduling, timing and killing.
 */
final class BatchRun {

    private final RunSettings settings;
    private final Console console;
    private final ClusterOptions cluster;

    BatchRun(RunSettings settings, Console console) {
        this(settings, console, null);
    }

    /** @param cluster where the tasks run when not on this machine only ({@code --cluster}), or null */
    BatchRun(RunSettings settings, Console console, ClusterOptions cluster) {
        this.settings = settings;
        this.console = console;
        this.cluster = cluster;
    }

    /**
     * Runs every task and returns the exit status.
     *
     * @throws UsageException if the joblog cannot be read or written (before anything runs)
     */
    int execute(RunControl control) throws UsageException {
        Predicate<TaskInput> skip = settings.resume() == RunSettings.Resume.NONE ? t -> false
                : ResumeFilter.read(settings.joblog(), settings.resume() == RunSettings.Resume.SUCCEEDED);
        Iterator<TaskInput> tasks = settings.tasks();
        long total = settings.declaredTotal();
        if (total >= 0) {
            // All input is in memory already: drop what is done now, so totals and percentages are exact.
            List<TaskInput> todo = new ArrayList<>();
            while (tasks.hasNext()) {
                TaskInput t = tasks.next();
                if (!skip.test(t)) {
                    todo.add(t);
                }
            }
            tasks = todo.iterator();
            total = todo.size();
            skip = t -> false;
        }
        if (settings.outputs().dryRun()) {
            return DryRun.print(tasks, skip, settings.template(), console.out);
        }
        TaskFeed feed = new TaskFeed(tasks, skip, settings.template(), new JobSlots(settings.jobs(), showsSlots()),
                settings.gate(), total);
        Joblog joblog = settings.joblog() == null ? null
                : Joblog.open(settings.joblog(), settings.resume() != RunSettings.Resume.NONE, settings.keyColumn());
        try {
            return run(control, feed, joblog);
        } finally {
            if (joblog != null) {
                joblog.close();
            }
        }
    }

    /** Whether anything shows a task's slot: its command, its tag, or the timeline. */
    private boolean showsSlots() {
        RunSettings.Outputs o = settings.outputs();
        return settings.template().showsSlot() || o.timeline() != null || o.tag() != null;
    }

    private int run(RunControl control, TaskFeed feed, Joblog joblog) {
        List<ResultSink> sinks = new ArrayList<>();
        RunSettings.Outputs outputs = settings.outputs();
        OutputNotes notes = new OutputNotes(settings.outputLimit());
        boolean keepBytes = settings.printResults(); // the end-of-run report prints each task's output again
        LiveOutput live = outputs.live() == RunSettings.Live.NONE ? null
                : new LiveOutput(console, outputs.live() == RunSettings.Live.LINES, outputs.tag(), outputs.tmpdir(),
                        settings.keepOrder());
        if (live != null) {
            feed.onStart(live::started);
        }
        ResultSink output = live != null ? live
                : settings.format() == RunSettings.Format.JSON ? new JsonOutput(console, notes, keepBytes)
                : outputs.files() ? new OutputFiles(console, outputs.tmpdir(), keepBytes)
                : outputs.tag() != null ? new TaggedOutput(console, outputs.tag(), notes, keepBytes)
                : new GroupedOutput(console, notes, keepBytes);
        if (outputs.verbose()) {
            output = new CommandEcho(console, output);
        }
        if (outputs.trace()) {
            feed.onStart(a -> console.write(() -> {
                byte[] line = RawText.bytes(settings.template().commandLine(a.args()) + "\n");
                console.err.write(line, 0, line.length);
            }));
        }
        // Sinks that read a task's output bytes come before the output, which releases them once printed.
        if (outputs.results() != null) {
            sinks.add(new ResultsDir(outputs.results(), new JsonOutput(console, notes, true)));
        }
        if (outputs.timeline() != null) {
            sinks.add(new TimelineSink(outputs.timeline()));
        }
        sinks.add(settings.keepOrder() && live == null ? new InOrder(output) : output);
        if (joblog != null) {
            sinks.add(joblog);
        }
        ProgressBar bar = null;
        if (settings.bar()) {
            bar = new ProgressBar(console, feed::knownTotal);
            sinks.add(bar);
            console.attach(bar);
            bar.start();
        }
        RunStats stats = new RunStats();
        HaltTracker halt = new HaltTracker(settings.halt(), console);
        ResultHandler handler = new ResultHandler(feed, settings.template(), halt, stats, sinks);
        long total = feed.knownTotal();
        RunnerBuilder<ProcRunMp> builder = ProcRunMp.builder()
                .command(RawText.toText(settings.template().program()))
                .lazyTasks(feed)
                // On a cluster the members' windows bound the tasks under way; -j 0 must still not take
                // every task from the input at once.
                .workers(cluster != null ? Math.max(1, settings.jobs()) : settings.jobs())
                .timeout(settings.timeout().isPercent() ? TaskTimeout.percentOfMedian(settings.timeout().percent())
                        : TaskTimeout.of(settings.timeout().fixed()))
                .killGrace(settings.grace())
                .retry(handler.retry(settings.tries()))
                // A percentage is of every task when their number is known, else of those started so far.
                .halt(total > 0 ? settings.halt().of(total) : settings.halt())
                // Exact bytes, whole in bounded memory; a cluster carries bytes() only up to 64 MiB per stream
                // (docs/cluster.md), and gives the same bytes back, whole, through a capture policy.
                .output(live != null ? live.policy()
                        : cluster != null
                        ? (settings.outputLimit() == 0 ? OutputPolicy.unlimited()
                                : OutputPolicy.capture(Math.max(2, settings.outputLimit())))
                        : (settings.outputLimit() == 0 ? OutputPolicy.bytes() : OutputPolicy.bytes(settings.outputLimit())))
                // Each result goes to the sinks as its task ends; keeping them all would grow memory with
                // the number of tasks. Only --print-results needs them at the end.
                .retainResults(settings.printResults());
        if (cluster == null) {
            builder.listener(handler);
        } else {
            ClusterBatch.configure(builder, cluster, settings, handler); // only here are cluster classes loaded
        }
        if (settings.workdir() != null) {
            builder.directory(settings.workdir());
        }
        ProcRunMp runner = builder.build();
        boolean failedItself = false;
        control.begin(feed);
        try {
            runner.runAll();
        } catch (IllegalArgumentException e) { // the cluster cannot run this batch (says why)
            failedItself = true;
            console.write(() -> console.err.println("jconcurrent: " + e.getMessage()));
        } catch (InterruptedException e) {
            // A signal: the engine has stopped every task and each has its result.
        } catch (IllegalStateException e) {
            failedItself = true;
            console.write(() -> console.err.println("jconcurrent: " + e.getMessage()));
        } finally {
            control.end();
            Thread.interrupted();
        }
        for (ResultSink sink : sinks) {
            try {
                sink.finish();
            } catch (RuntimeException e) {
                failedItself = true;
                console.write(() -> console.err.println("jconcurrent: " + e.getMessage()));
            }
        }
        console.attach(null);
        if (settings.printResults()) {
            console.write(() -> runner.printResults(console.out));
        }
        if (control.signal() != 0) {
            return ExitCode.forSignal(control.signal());
        }
        if (failedItself || stats.failedInJconcurrent() > 0) {
            return ExitCode.ERROR.status();
        }
        int status = settings.halt().when() == Halt.When.NEVER ? ExitCode.forFailures(stats.failed())
                : halt.exitStatus(feed.started());
        return status == 0 ? ExitCode.forFailures(stats.succeededButCut()) : status;
    }
}
