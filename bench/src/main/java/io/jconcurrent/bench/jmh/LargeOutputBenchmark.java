package io.jconcurrent.bench.jmh;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.Task;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One command writing {@code bytes} to stdout, captured whole in memory ({@link OutputPolicy#unlimited()})
 * or kept within the default cap (head and tail). Time per task; peak memory is what
 * {@code bench/compare.sh} measures. Run: {@code java -jar bench/target/benchmarks.jar LargeOutputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LargeOutputBenchmark {

    @Param({"20000000"})
    public long bytes;

    @Param({"whole", "capped"})
    public String capture;

    @Benchmark
    public int oneCommand() {
        OutputPolicy policy = capture.equals("whole") ? OutputPolicy.unlimited() : OutputPolicy.defaults();
        return ProcRunAsync.builder().command("/usr/bin/head", "-c", Long.toString(bytes))
                .tasks(List.of(new Task(1, "/dev/zero"))).workers(1).output(policy).build().runAll().join()
                .getFirst().stdout().length();
    }
}
