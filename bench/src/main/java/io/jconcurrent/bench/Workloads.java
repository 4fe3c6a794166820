package io.jconcurrent.bench;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The end-to-end workloads run through the library, one per JVM, for {@code bench/compare.sh}: each
 * prints {@code METRIC <name> <value>} lines that the script collects (the script measures the whole
 * process; these are the in-process figures).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads spawn 2000 2
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads seed
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads sleep1
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads functions 1000000 4
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads worker-functions 100000 2
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads worker-pool 2
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads timeout sleep|tree
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads output 200000000 whole|files
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads one
 * }</pre>
 *
 * <p>Every workload is the first batch of a fresh JVM unless it says otherwise: that is what a script
 * calling the library gets.
 */
public final class Workloads {

    private Workloads() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "spawn" -> spawn(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "seed" -> seed();
            case "sleep1" -> sleepOne();
            case "functions" -> functions(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "worker-functions" -> workerFunctions(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "worker-pool" -> workerFunctions(Integer.parseInt(args[1]), Integer.parseInt(args[1]));
            case "timeout" -> timeout(args.length > 1 ? args[1] : "sleep");
            case "output" -> output(Long.parseLong(args[1]), args[2]);
            case "one" -> one();
            default -> usage();
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: Workloads spawn N WORKERS | seed | sleep1 | functions N WORKERS"
                + " | worker-functions N WORKERS | worker-pool WORKERS | timeout sleep|tree | output BYTES whole|bytes|files"
                + " | one");
        System.exit(2);
    }

    /** Workload 1: N x /bin/true. */
    static void spawn(int n, int workers) {
        List<Task> tasks = IntStream.range(0, n).mapToObj(i -> new Task(i, i)).toList();
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunAsync.builder().command("/bin/true").tasks(tasks).workers(workers)
                .build().runAll().join();
        long t1 = System.nanoTime();
        check(results, n);
        metric("run_s", (t1 - t0) / 1e9);
        metric("rate_per_s", n / ((t1 - t0) / 1e9));
    }

    /**
     * Workload 2: the seed example (ideal 7.0 s) twice in one fresh JVM: the first batch is what a
     * script or the CLI gets, the second shows the library's scheduling once the JVM is warm.
     */
    static void seed() {
        double first = seedBatch();
        double second = seedBatch();
        metric("first_run_s", first);
        metric("first_overhead_ms", (first - 7.0) * 1000);
        metric("warm_run_s", second);
        metric("warm_overhead_ms", (second - 7.0) * 1000);
    }

    /** One seed batch, timed from {@code runAll()} (as the reference's figure is from its {@code run_all}). */
    private static double seedBatch() {
        ProcRunAsync runner = ProcRunAsync.builder().command("/usr/bin/sleep")
                .tasks(Task.pairs(1, 1, 2, 7, 3, 2, 4, 2, 5, 1)).workers(4).timeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        List<ProcResult> results = runner.runAll().join();
        long t1 = System.nanoTime();
        check(results, 5);
        return (t1 - t0) / 1e9;
    }

    /** Workload 2b: {@code sleep 1} as a fresh JVM's first batch: its {@code timeRun}, ideally 1.000 s. */
    static void sleepOne() {
        ProcRunAsync runner = ProcRunAsync.builder().command("/usr/bin/sleep").tasks(List.of(new Task(1, 1)))
                .workers(1).timeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        List<ProcResult> results = runner.runAll().join();
        long t1 = System.nanoTime();
        check(results, 1);
        metric("time_run_ms", results.getFirst().timeRun().toNanos() / 1e6);
        metric("run_s", (t1 - t0) / 1e9);
    }

    /** Workload 3: N no-op function tasks, results kept. */
    static void functions(int n, int workers) {
        Stream<Task> tasks = IntStream.range(0, n).mapToObj(i -> new Task(i, i));
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunAsync.builder().function((k, a) -> Outcome.ok(null)).lazyTasks(tasks)
                .workers(workers).build().runAll().join();
        long t1 = System.nanoTime();
        check(results, n);
        metric("run_s", (t1 - t0) / 1e9);
        metric("rate_per_s", n / ((t1 - t0) / 1e9));
    }

    /**
     * Workload 3b: N no-op functions in worker JVMs ({@link ProcRunMp}, 2 workers), from a fresh parent
     * JVM: the rate includes starting the pool, as the reference's figure does. With N = WORKERS this is
     * the pool's start (and stop) alone.
     */
    static void workerFunctions(int n, int workers) throws InterruptedException {
        List<Task> tasks = IntStream.range(0, n).mapToObj(i -> new Task(i, i)).toList();
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunMp.builder().function(Workloads::noop).tasks(tasks).workers(workers)
                .build().runAll();
        long t1 = System.nanoTime();
        check(results, n);
        metric("run_s", (t1 - t0) / 1e9);
        metric("rate_per_s", n / ((t1 - t0) / 1e9));
    }

    /** The no-op function of the worker-JVM workloads (a static method, so a worker JVM can load it). */
    static Outcome noop(Object key, List<Object> args) {
        return Outcome.ok(null);
    }

    /**
     * Workload 4: a 1 s timeout on {@code sleep} ("sleep") or on a shell with a child, a {@code setsid}
     * grandchild in a session of its own, and a grandchild it waits for ("tree"). Reports how long after
     * the deadline the result arrives, counted from the task's own start ({@code late_ms}) and from the
     * call that started the batch ({@code late_from_call_ms}, which includes a fresh JVM's first spawn),
     * and how many of the task's processes are still alive when it does ({@code left_alive}), found by
     * scanning every process's command line in {@code /proc} for a marker that each of them carries.
     * Survivors are then killed, by pid.
     */
    static void timeout(String kind) throws Exception {
        String marker = "300." + String.format(Locale.ROOT, "%06d", new Random().nextInt(1_000_000));
        List<String> argv = switch (kind) {
            case "tree" -> List.of("/bin/sh", "-c",
                    "sleep " + marker + " & setsid sleep " + marker + " & sleep " + marker + "; :");
            case "sleep" -> List.of("/bin/sleep", marker);
            default -> throw new IllegalArgumentException("timeout sleep|tree, not " + kind);
        };
        CompletableFuture<Long> arrived = new CompletableFuture<>();
        ProcRunAsync runner = ProcRunAsync.builder().command(argv).tasks(List.of(new Task(1, null)))
                .workers(1).timeout(Duration.ofSeconds(1))
                .listener(r -> arrived.complete(System.nanoTime()))
                .build();
        long called = System.nanoTime();
        Instant calledWall = Instant.now();
        List<ProcResult> results = runner.runAll().join();
        long arrivedNanos = arrived.join();
        List<Long> alive = MarkedProcesses.find(marker);
        ProcResult r = results.getFirst();
        if (!r.timeout()) {
            throw new IllegalStateException("expected a timeout, got " + r);
        }
        // timeStart is wall-clock; convert the arrival to wall-clock through one paired reading.
        Instant arrivedWall = calledWall.plusNanos(arrivedNanos - called);
        Duration late = Duration.between(r.timeStart().plusSeconds(1), arrivedWall);
        metric("late_ms", late.toNanos() / 1e6);
        metric("late_from_call_ms", (arrivedNanos - called) / 1e6 - 1000);
        metric("time_run_ms", r.timeRun().toNanos() / 1e6);
        metric("left_alive", alive.size());
        MarkedProcesses.kill(alive);
    }

    /** Workload 6: one command writing BYTES to stdout, captured whole as text, as exact bytes, or sent to files. */
    static void output(long bytes, String mode) throws IOException {
        Path dir = null;
        OutputPolicy policy;
        if (mode.equals("files")) {
            dir = Files.createTempDirectory("jconcurrent-bench");
            policy = OutputPolicy.toFiles(dir);
        } else if (mode.equals("bytes")) {
            policy = OutputPolicy.bytes();
        } else {
            policy = OutputPolicy.unlimited();
        }
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunAsync.builder().command("/usr/bin/head", "-c", Long.toString(bytes))
                .tasks(List.of(new Task(1, "/dev/zero"))).workers(1).output(policy).build().runAll().join();
        long t1 = System.nanoTime();
        check(results, 1);
        long got = dir != null ? Files.size(dir.resolve("1.out"))
                : mode.equals("bytes") ? results.getFirst().stdoutBytes().size() : results.getFirst().stdout().length();
        if (got != bytes) {
            throw new IllegalStateException("expected " + bytes + " bytes of output, got " + got);
        }
        metric("run_s", (t1 - t0) / 1e9);
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Workload 6 in-library: one /bin/true task (the JVM's start-up is what the script times). */
    static void one() {
        List<ProcResult> results = ProcRunAsync.builder().command("/bin/true").tasks(List.of(new Task(1, null)))
                .workers(1).build().runAll().join();
        check(results, 1);
    }

    private static void check(List<ProcResult> results, int n) {
        if (results.size() != n) {
            throw new IllegalStateException("expected " + n + " results, got " + results.size());
        }
        List<ProcResult> bad = new ArrayList<>();
        for (ProcResult r : results) {
            if (!r.success() && bad.size() < 3) {
                bad.add(r);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalStateException("tasks failed: " + bad);
        }
    }

    private static void metric(String name, double value) {
        System.out.println("METRIC " + name + " " + String.format(Locale.ROOT, "%.6f", value));
    }
}
