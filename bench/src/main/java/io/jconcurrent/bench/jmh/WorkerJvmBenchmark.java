package io.jconcurrent.bench.jmh;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.Task;
import io.jconcurrent.TaskFunction;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What worker JVMs cost: starting a pool, and each no-op task once the workers are warm. Baselines
 * from the reference (pyconcurrent's multiprocessing pool on this kind of machine): its pool adds
 * 0.23-0.29 s to the seed example; the aim here is a pool start well under that and at least 30,000
 * no-op tasks per second through 2 warm workers.
 *
 * <p>Run (short; the machine is shared):
 * {@code java -jar bench/target/benchmarks.jar WorkerJvmBenchmark -f 1 -wi 2 -i 5 -w 2s -r 3s}
 */
@Fork(1)
public class WorkerJvmBenchmark {

    /** The reference's pool cost in the seed example, in seconds: the low and high ends. */
    public static final double REFERENCE_POOL_SECONDS_LOW = 0.23;
    public static final double REFERENCE_POOL_SECONDS_HIGH = 0.29;
    /** The aim for no-op tasks per second through 2 warm workers. */
    public static final double AIM_TASKS_PER_SECOND = 30_000;

    static Outcome noop(Object key, List<Object> args) {
        return Outcome.ok(null);
    }

    /**
     * A whole batch of {@code workers} no-op tasks with {@code workers} worker JVMs: each task starts
     * one JVM (in parallel), and the batch ends when all are gone again. This is the pool's cost as a
     * caller sees it.
     */
    @State(Scope.Benchmark)
    public static class PoolStart {
        @Param({"2", "4"})
        public int workers;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public List<ProcResult> poolStartAndStop(PoolStart s) throws InterruptedException {
        List<Task> tasks = IntStream.range(0, s.workers).mapToObj(i -> new Task(i, i)).toList();
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmBenchmark::noop).tasks(tasks)
                .workers(s.workers).build().runAll();
        check(results);
        return results;
    }

    /**
     * The floor for {@link #poolStartAndStop}, measured in the same run: {@code workers} bare child JVMs
     * (same flags, same class path) started in parallel, each reading end of input at once and exiting.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public int bareJvmStartFloor(PoolStart s) throws Exception {
        Process[] started = new Process[s.workers];
        for (int i = 0; i < s.workers; i++) {
            started[i] = echoPeer();
            started[i].getOutputStream().close();
        }
        int sum = 0;
        for (Process p : started) {
            sum += p.waitFor();
        }
        return sum;
    }

    static Process echoPeer() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), EchoMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * The floor, measured in the same run: two threads each ping-pong an int with a child JVM that
     * echoes it, over a pipe pair (no serialization, no pool, no result). On a busy machine this floor
     * drops with everything else, so the ratio of {@link #noopBatchOfTwentyThousand} to it is the
     * figure that travels.
     */
    @State(Scope.Thread)
    public static class EchoPeer {
        Process process;
        DataOutputStream out;
        DataInputStream in;

        @Setup(Level.Trial)
        public void start() throws IOException {
            process = echoPeer();
            out = new DataOutputStream(process.getOutputStream());
            in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            out.close();
            process.waitFor();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int pipeRoundTripFloor(EchoPeer peer) throws IOException {
        peer.out.writeInt(1);
        peer.out.flush();
        return peer.in.readInt();
    }

    /** The same through the public runner: a batch of no-op tasks, 2 workers, the pool start included. */
    static final int BATCH = 20_000;

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public List<ProcResult> noopBatchOfTwentyThousand() throws InterruptedException {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmBenchmark::noop)
                .lazyTasks(IntStream.range(0, BATCH).mapToObj(i -> new Task(i, i)))
                .workers(2).build().runAll();
        check(results);
        return results;
    }

    private static void check(List<ProcResult> results) {
        for (ProcResult r : results) {
            if (!r.success()) {
                throw new IllegalStateException("task failed: " + r);
            }
        }
    }
}
