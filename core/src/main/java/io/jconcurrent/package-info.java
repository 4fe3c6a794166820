/**
 * Runs a batch of tasks concurrently, each a subprocess or a Java function, with a cap on workers, a
 * timeout per task, and one {@link io.jconcurrent.ProcResult} per task: the Java form of the Python
 * library <i>pyconcurrent</i>.
 *
 * <h2>Where to start</h2>
 * Two runners share one calling convention: {@link io.jconcurrent.ProcRunAsync} returns a future at
 * once, {@link io.jconcurrent.ProcRunMp} blocks and can run functions in worker JVMs, where a timeout
 * really stops them. Both take the seed's {@code (pargs, tasks, numWorkers, timeout)}, or every option
 * through a {@link io.jconcurrent.RunnerBuilder}. A task is a {@link io.jconcurrent.Task}
 * {@code (key, arg)}; what every task does is one {@link io.jconcurrent.Work}: a command (the task's
 * arg appended to its argv, never through a shell), a {@link io.jconcurrent.TaskFunction}, or an
 * {@link io.jconcurrent.AsyncTaskFunction}. Policies are immutable values:
 * {@link io.jconcurrent.TaskTimeout}, {@link io.jconcurrent.Retry}, {@link io.jconcurrent.Halt},
 * {@link io.jconcurrent.OutputPolicy}. Where tasks run is a {@link io.jconcurrent.Placement}, which
 * other modules can implement (the placement service-provider interface: {@code Placement},
 * {@link io.jconcurrent.RunningTask}, {@link io.jconcurrent.TaskEnd}).
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="async-seed"}
 *
 * <p>The builder, with a lazy source of tasks and a listener that sees each result as its task ends:
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="builder"}
 *
 * <h2>Contracts every type keeps</h2>
 * <ul>
 * <li><b>Failures are results.</b> A task that fails, overruns its timeout, or is stopped becomes a
 *     result with a {@link io.jconcurrent.Status}, a {@link io.jconcurrent.StopReason} and a
 *     {@code cause}; it never fails the batch or loses the others' results. Only bad configuration
 *     throws, when it is given or at {@code build()}, before anything runs.</li>
 * <li><b>Nulls.</b> A task's key must not be null; its arg, a function's fixed args and its answer
 *     may be. For every public constructor and method, a null argument is a
 *     {@link java.lang.NullPointerException} naming the parameter, thrown at once, unless the
 *     parameter's Javadoc says null is allowed. A null element of a list or array argument, and any
 *     other bad value, is an {@link java.lang.IllegalArgumentException} naming the value (and its
 *     position). A conflicting or repeated builder setting is an
 *     {@link java.lang.IllegalStateException} naming both calls.</li>
 * <li><b>Threads.</b> Tasks run on the runner's own virtual threads (named
 *     {@code jconcurrent-worker-N}), never on the caller's. A runner runs one batch; its methods may
 *     be called from any thread. Policies, tasks and results are immutable values, safe to share.
 *     Functions, listeners and per-task timeout functions are called from the tasks' own threads,
 *     concurrently for different tasks. Each type's Javadoc says what applies to it.</li>
 * <li><b>Ordering.</b> Tasks are taken from their source in order, one at a time, and only when a
 *     worker is free: at most {@code workers} run at once ({@code 0}: no cap). Results come back in
 *     input order; a {@link io.jconcurrent.ResultListener} sees each one once, as its task ends, and
 *     every call to it happens before the batch completes normally (the future completes, or
 *     {@code runAll} returns).</li>
 * <li><b>Stopping.</b> A timeout, a cancellation or a fail-fast stop kills a command's whole process
 *     tree (SIGTERM, a grace, SIGKILL) and a worker JVM's; an in-process function's thread is
 *     interrupted, and its result is delivered at the deadline even if it ignores the interrupt.
 *     Interrupting a thread blocked in {@link io.jconcurrent.ProcRunMp#runAll()} cancels the batch,
 *     waits until every task has its result, and then throws {@link InterruptedException}.</li>
 * </ul>
 *
 * <h2>Seeing a batch</h2>
 * Each task records a Java Flight Recorder event ({@code io.jconcurrent.Task}) and each batch one
 * ({@code io.jconcurrent.Batch}), so a run with {@code -XX:StartFlightRecording} shows the batch in
 * JDK Mission Control, with no extra dependency. A batch records them if Flight Recorder was started
 * before it began; in a JVM where it never was, they cost nothing, not even their classes:
 *
 * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="jfr"}
 */
package io.jconcurrent;
