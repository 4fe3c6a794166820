package io.jconcurrent.bench.jmh;

import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.Task;
import java.util.List;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Command tasks per second through the library: {@code /bin/true} per task, output captured, with a
 * plain {@link ProcessBuilder} loop (no own session, no tree, no capture) in the same run as the
 * baseline of what the JDK's spawn path allows.
 * Run: {@code java -jar bench/target/benchmarks.jar CommandSpawnBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class CommandSpawnBenchmark {

    static final int TASKS = 200;

    @Param({"2", "8"})
    public int workers;

    private final List<Task> tasks = IntStream.range(0, TASKS).mapToObj(i -> new Task(i, i)).toList();

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public List<ProcResult> jconcurrent() {
        return ProcRunAsync.builder().command("/bin/true").tasks(tasks).workers(workers).build().runAll().join();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int processBuilderBaseline() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = Thread.ofVirtual().start(() -> {
                while (next.getAndIncrement() < TASKS) {
                    try {
                        Process p = new ProcessBuilder("/bin/true", "x")
                                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                                .start();
                        p.getInputStream().readAllBytes();
                        p.getErrorStream().readAllBytes();
                        if (p.waitFor() != 0) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return failures.get();
    }
}
