package io.jconcurrent;

import io.jconcurrent.internal.batch.BatchConfig;
import io.jconcurrent.internal.batch.RunnerCore;
import io.jconcurrent.internal.worker.WorkerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Configures a runner. Obtained from {@link ProcRunAsync#builder()} or {@link ProcRunMp#builder()};
 * every setter checks its argument at once and names it in the exception, and {@link #build()} checks
 * the whole configuration before anything runs.
 *
 * <p>Each setting is given once: a second call of a setter, or a call that conflicts with an earlier
 * one ({@code tasks} and {@code lazyTasks}; {@code command}, {@code function}, {@code asyncFunction},
 * {@code work} and {@code pargs}; the three {@code timeout} forms; {@code failFast} and {@code halt}),
 * throws {@link IllegalStateException} naming both, instead of silently keeping the last.
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="builder"}
 *
 * <p>Thread-safety: not thread-safe; configure it on one thread. The runner it builds is safe to hand
 * to another thread.
 *
 * @param <R> the runner type built
 */
public final class RunnerBuilder<R> {

    private final Function<BatchConfig, R> factory;
    /**
     * The calls made so far, by the setting they give, as {method, argument}: a second one for the same
     * setting is refused. Kept apart and joined only for the message: a fresh JVM pays for each string
     * concatenation's first run, and a CLI builds one runner per process.
     */
    private final Map<String, Object[]> given = new HashMap<>();
    private Work work;
    private List<Task> taskList;
    private Iterable<Task> lazyTasks;
    private int workers = 4;
    private TaskTimeout timeout = TaskTimeout.none();
    private Retry retry = Retry.none();
    private Halt halt = Halt.never();
    private Duration killGrace = BatchConfig.DEFAULT_KILL_GRACE;
    private boolean verbose;
    private OutputPolicy output = OutputPolicy.defaults();
    private ResultListener listener;
    private Placement placement;
    private Path directory;
    private Map<String, String> environment = Map.of();
    private List<String> workerJvmOptions = List.of();
    private boolean retainResults = true;

    RunnerBuilder(Function<BatchConfig, R> factory, Placement defaultPlacement) {
        this.factory = factory;
        this.placement = defaultPlacement;
    }

    /** Records that {@code method(argument)} gives {@code setting}, refusing it if an earlier call did. */
    private void give(String setting, String method, Object argument) {
        Object[] call = {method, argument};
        Object[] earlier = given.putIfAbsent(setting, call);
        if (earlier != null) {
            throw new IllegalStateException(describe(call) + (earlier[0].equals(method) ? " repeats " : " conflicts with ")
                    + describe(earlier) + ", given earlier: give the " + setting + " once");
        }
    }

    /** A call's argument as a message shows it: {@code value} then {@code suffix}, joined when printed. */
    private record Describe(Object value, String suffix) {
        @Override
        public String toString() {
            return value + suffix;
        }
    }

    private static String describe(Object[] call) {
        return call[0] + "(" + call[1] + ")";
    }

    /**
     * Starts, on a background thread, the one-time set-up that the first command task of this JVM
     * would otherwise wait for (binding the C library's spawn functions: about 0.1 s). Tasks started
     * before it is done go through the JDK's launcher instead of waiting (both start the task in a
     * session of its own). For short-lived programs such as command-line tools, called first thing so
     * that the set-up overlaps their own start-up. Optional; repeat calls do nothing; it starts no
     * process.
     */
    public static void prepareForCommands() {
        RunnerCore.prepareForCommands();
    }

    /**
     * Each task runs {@code program fixedArgs... arg}.
     *
     * @param program   the program, looked up on {@code PATH} unless it contains a {@code /}
     * @param fixedArgs args before the task's arg
     * @return this builder
     */
    public RunnerBuilder<R> command(String program, String... fixedArgs) {
        return work(Work.command(program, fixedArgs), "command", new Describe(program, ", ..."));
    }

    /**
     * Each task runs the given command with its arg appended: the program (a String), then fixed args,
     * each a String or a {@link ByteArg}.
     *
     * @param argv the program, then the fixed args
     * @return this builder
     * @throws IllegalArgumentException if {@code argv} is empty or holds a null or another type
     */
    public RunnerBuilder<R> command(List<?> argv) {
        return work(new Work.Command(argv), "command", argv);
    }

    /**
     * Each task calls {@code fn(key, fixedArgs + [arg])}.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; may hold nulls
     * @return this builder
     */
    public RunnerBuilder<R> function(TaskFunction fn, Object... fixedArgs) {
        return work(Work.function(fn, fixedArgs), "function", "...");
    }

    /**
     * Each task calls {@code fn(key, fixedArgs + [arg])} and waits for the stage it returns.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; may hold nulls
     * @return this builder
     */
    public RunnerBuilder<R> asyncFunction(AsyncTaskFunction fn, Object... fixedArgs) {
        return work(Work.async(fn, fixedArgs), "asyncFunction", "...");
    }

    /**
     * What each task does.
     *
     * @param work the work
     * @return this builder
     */
    public RunnerBuilder<R> work(Work work) {
        return work(Objects.requireNonNull(work, "work"), "work", new Describe(work.getClass().getSimpleName(), ""));
    }

    /**
     * The seed's {@code pargs}: a program or function followed by fixed args.
     *
     * @param pargs see {@link Work#fromPargs(List)}
     * @return this builder
     * @throws IllegalArgumentException if {@code pargs} names neither a program nor a function
     */
    public RunnerBuilder<R> pargs(List<?> pargs) {
        return work(Work.fromPargs(pargs), "pargs", "...");
    }

    private RunnerBuilder<R> work(Work work, String method, Object argument) {
        give("work", method, argument);
        this.work = work;
        return this;
    }

    /**
     * The tasks, all known up front. Keys are checked by {@link #build()}: a null or duplicate key is
     * an {@link IllegalArgumentException} naming it and its position.
     *
     * @param tasks the tasks, copied
     * @return this builder
     */
    public RunnerBuilder<R> tasks(List<Task> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        give("tasks", "tasks", new Describe(tasks.size(), " tasks"));
        this.taskList = new ArrayList<>(tasks);
        return this;
    }

    /**
     * The tasks, pulled one at a time only when a worker is free, so a source of millions costs memory
     * for the results only. The iterable is iterated once. A task whose key repeats an earlier one, or
     * is null, fails by itself without running.
     *
     * @param tasks the source
     * @return this builder
     */
    public RunnerBuilder<R> lazyTasks(Iterable<Task> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        give("tasks", "lazyTasks", "...");
        this.lazyTasks = tasks;
        return this;
    }

    /**
     * Like {@link #lazyTasks(Iterable)}, from a stream consumed one element at a time.
     *
     * @param tasks the source
     * @return this builder
     */
    public RunnerBuilder<R> lazyTasks(Stream<Task> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        Iterator<Task> it = tasks.iterator();
        return lazyTasks(() -> it);
    }

    /**
     * At most this many tasks run at once; 0 means no limit (every task starts at once). Default 4.
     *
     * @param workers the cap, or 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public RunnerBuilder<R> workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 (0 = unlimited), got " + workers);
        }
        give("workers", "workers", workers);
        this.workers = workers;
        return this;
    }

    /**
     * Each task's time limit, counted from its own start; zero means none. Default none. Short for
     * {@code timeout(TaskTimeout.of(timeout))}.
     *
     * @param timeout the limit, or zero
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public RunnerBuilder<R> timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 (0 = none), got " + timeout);
        }
        return timeout(TaskTimeout.of(timeout), "timeout", timeout);
    }

    /**
     * A time limit chosen for each task as it starts, instead of one {@link #timeout(Duration)} for all:
     * for example a multiple of the run times seen so far. Counted from the task's own start; zero, a
     * negative value or null means none for that task. Called on the thread that starts the task,
     * concurrently for different tasks. Short for {@code timeout(TaskTimeout.perTask(limitForTask))}.
     *
     * @param limitForTask gives each task's limit
     * @return this builder
     */
    public RunnerBuilder<R> timeoutFor(Function<? super Task, Duration> limitForTask) {
        return timeout(TaskTimeout.perTask(Objects.requireNonNull(limitForTask, "timeoutFor")), "timeoutFor", "...");
    }

    /**
     * How long each task may run: none, a fixed limit, one per task, or a percentage of the median.
     * Default {@link TaskTimeout#none()}.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public RunnerBuilder<R> timeout(TaskTimeout timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return timeout(timeout, "timeout", timeout);
    }

    private RunnerBuilder<R> timeout(TaskTimeout timeout, String method, Object argument) {
        give("timeout", method, argument);
        this.timeout = timeout;
        return this;
    }

    /**
     * How often a task that fails or times out is run again, at once (it waits for no free worker). Default
     * {@link Retry#none()}.
     *
     * @param retry the policy
     * @return this builder
     */
    public RunnerBuilder<R> retry(Retry retry) {
        Objects.requireNonNull(retry, "retry");
        give("retry", "retry", new Describe(retry.tries(), " tries"));
        this.retry = retry;
        return this;
    }

    /**
     * How long a stopped command's process tree gets between SIGTERM and SIGKILL. Default 500 ms; zero
     * sends SIGKILL at once.
     *
     * @param grace the time between the two signals
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public RunnerBuilder<R> killGrace(Duration grace) {
        Objects.requireNonNull(grace, "killGrace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("killGrace must be >= 0, got " + grace);
        }
        give("kill grace", "killGrace", grace);
        this.killGrace = grace;
        return this;
    }

    /**
     * Print a line to stdout ({@code System.out} as {@link #build()} finds it) as each task starts: its
     * key, its arg and its own time limit in seconds, 0 for none (the seed's {@code verb}).
     *
     * @param verbose whether to
     * @return this builder
     */
    public RunnerBuilder<R> verbose(boolean verbose) {
        give("verbosity", "verbose", verbose);
        this.verbose = verbose;
        return this;
    }

    /**
     * Stop the batch at the first task that fails or times out: running tasks are stopped and tasks
     * not yet started are not started; each still gets a result, with {@link StopReason#FAIL_FAST}.
     * Short for {@code halt(Halt.failFast())} (or {@code halt(Halt.never())} for false).
     *
     * @param failFast whether to
     * @return this builder
     */
    public RunnerBuilder<R> failFast(boolean failFast) {
        return halt(failFast ? Halt.failFast() : Halt.never(), "failFast", failFast);
    }

    /**
     * When the batch stops early. Default {@link Halt#never()}.
     *
     * @param halt the halt
     * @return this builder
     */
    public RunnerBuilder<R> halt(Halt halt) {
        Objects.requireNonNull(halt, "halt");
        return halt(halt, "halt", halt);
    }

    private RunnerBuilder<R> halt(Halt halt, String method, Object argument) {
        give("halt", method, argument);
        this.halt = halt;
        return this;
    }

    /**
     * Where commands' output goes and how much is kept. Default {@link OutputPolicy#defaults()}.
     *
     * @param output the policy
     * @return this builder
     */
    public RunnerBuilder<R> output(OutputPolicy output) {
        Objects.requireNonNull(output, "output");
        give("output", "output", output);
        this.output = output;
        return this;
    }

    /**
     * Called with each result as soon as its task ends; see {@link ResultListener} for its threads.
     *
     * @param listener the listener
     * @return this builder
     */
    public RunnerBuilder<R> listener(ResultListener listener) {
        Objects.requireNonNull(listener, "listener");
        give("listener", "listener", "...");
        this.listener = listener;
        return this;
    }

    /**
     * Where function tasks run: {@link Placement#WORKER_JVM} by default for {@link ProcRunMp},
     * {@link Placement#IN_PROCESS} for {@link ProcRunAsync}. In worker JVMs the function and its fixed
     * args must be serializable ({@link #build()} checks, naming the class that is not), an
     * {@link AsyncTaskFunction} is rejected, and at most {@code workers} JVMs run at once (with
     * {@code workers(0)}, at most twice the number of processors). Any other {@link Placement} (a
     * cluster, from a module of its own) runs the tasks where it places them; the engine still keeps
     * each task's deadline, stop and result.
     *
     * @param placement where functions run
     * @return this builder
     */
    public RunnerBuilder<R> placement(Placement placement) {
        Objects.requireNonNull(placement, "placement");
        give("placement", "placement", placement);
        this.placement = placement;
        return this;
    }

    /**
     * Working directory for commands; default the caller's.
     *
     * @param directory the directory
     * @return this builder
     */
    public RunnerBuilder<R> directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        give("directory", "directory", directory);
        this.directory = directory;
        return this;
    }

    /**
     * Extra environment variables for commands, added to the caller's environment.
     *
     * @param environment names and values, copied
     * @return this builder
     * @throws NullPointerException if the map, a name or a value is null
     */
    public RunnerBuilder<R> environment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        give("environment", "environment", "...");
        this.environment = Map.copyOf(environment);
        return this;
    }

    /**
     * Whether the runner keeps every result (the default). With {@code false}, each result goes to the
     * {@link #listener} as its task ends and is then dropped, so a long lazy source runs in flat memory:
     * {@code runAll()} then returns an empty list, {@code printResults()} prints none, and the keys of
     * {@link #lazyTasks} are not checked for duplicates (that would keep every key). A listener is then
     * required.
     *
     * @param retain whether to keep every result
     * @return this builder
     */
    public RunnerBuilder<R> retainResults(boolean retain) {
        give("result retention", "retainResults", retain);
        this.retainResults = retain;
        return this;
    }

    /**
     * JVM options for worker JVMs (for example {@code -Xmx256m}, {@code -Dkey=value}).
     *
     * @param options the options, copied
     * @return this builder
     */
    public RunnerBuilder<R> workerJvmOptions(List<String> options) {
        Objects.requireNonNull(options, "workerJvmOptions");
        give("worker JVM options", "workerJvmOptions", options);
        this.workerJvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * Checks the configuration and creates the runner. Nothing runs until {@code runAll()}.
     *
     * @return the runner
     * @throws IllegalArgumentException if no work or no tasks were given, a task list has a null or
     *                                  duplicate key (the message names the key and its position), or
     *                                  function work cannot run in a worker JVM (the message names the
     *                                  class that cannot be serialized), or results are not retained and
     *                                  there is no listener
     */
    public R build() {
        return factory.apply(config());
    }

    /** Function work must be able to travel to a worker JVM; say which class cannot, before anything runs. */
    private static void checkWorkerJvmWork(Work work) {
        // An if-chain, not a type switch: see LocalPlacement.open.
        if (work instanceof Work.Call f) {
            WorkerLauncher.checkSendable(f.fn(), f.fixedArgs());
        } else if (work instanceof Work.AsyncCall f) {
            throw new IllegalArgumentException("an AsyncTaskFunction (" + f.fn().getClass().getName()
                    + ") cannot run in a worker JVM: its stage cannot travel between JVMs; use a TaskFunction, or"
                    + " placement(Placement.IN_PROCESS), or ProcRunAsync");
        }
        // commands always run as subprocesses of this JVM
    }


    /** The checked configuration, for the runners' own constructors. */
    BatchConfig config() {
        if (work == null) {
            throw new IllegalArgumentException("no work given: call command(...), function(...) or asyncFunction(...)");
        }
        if (taskList == null && lazyTasks == null) {
            throw new IllegalArgumentException("no tasks given: call tasks(...) or lazyTasks(...)");
        }
        if (taskList != null) {
            BatchConfig.checkKeys(taskList);
        }
        if (!retainResults && listener == null) {
            throw new IllegalArgumentException("retainResults(false) without a listener would lose every result:"
                    + " set listener(...)");
        }
        if (placement == Placement.WORKER_JVM) {
            checkWorkerJvmWork(work);
        }
        return new BatchConfig(work, taskList != null ? taskList : lazyTasks, taskList != null,
                workers, timeout, retry, halt, killGrace, verbose ? System.out : null, output, listener, placement, directory,
                environment, workerJvmOptions, retainResults);
    }
}
