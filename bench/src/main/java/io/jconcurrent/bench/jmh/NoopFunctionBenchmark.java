package io.jconcurrent.bench.jmh;

import io.jconcurrent.Outcome;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.Task;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 * In-process no-op function tasks through the async runner, per task.
 * Run: {@code java -jar bench/target/benchmarks.jar NoopFunctionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class NoopFunctionBenchmark {

    static final int TASKS = 100_000;

    @Param({"4", "0"})
    public int workers;

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Object noopTasks() {
        Stream<Task> tasks = IntStream.range(0, TASKS).mapToObj(i -> new Task(i, i));
        return ProcRunAsync.builder()
                .function((key, args) -> Outcome.ok(null))
                .lazyTasks(tasks)
                .workers(workers)
                .build()
                .runAll()
                .join();
    }
}
