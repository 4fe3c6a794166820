package io.jconcurrent.bench;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.Outcome;
import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
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
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads functions 1000000 4
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads timeout
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads output 200000000 whole
 * java -cp bench/target/benchmarks.jar io.jconcurrent.bench.Workloads one
 * }</pre>
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
            case "functions" -> functions(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "timeout" -> timeout(args.length > 1 ? args[1] : "/bin/sleep");
            case "output" -> output(Long.parseLong(args[1]), args[2]);
            case "one" -> one();
            default -> usage();
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: Workloads spawn N WORKERS | seed | functions N WORKERS | timeout [sh]"
                + " | output BYTES whole|files | one");
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
     * Workload 2: the seed example, ideal 7.0 s, after one small warm-up batch in the same JVM (so
     * that the figure is the library's scheduling, not this JVM's first class loading; the script's
     * whole-process time shows the cold case).
     */
    static void seed() {
        ProcRunAsync.builder().command("/bin/true").tasks(Task.pairs(1, null, 2, null)).workers(2)
                .timeout(Duration.ofSeconds(30)).build().runAll().join();
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunAsync.builder().command("/usr/bin/sleep")
                .tasks(Task.pairs(1, 1, 2, 7, 3, 2, 4, 2, 5, 1)).workers(4).timeout(Duration.ofSeconds(30))
                .build().runAll().join();
        long t1 = System.nanoTime();
        check(results, 5);
        metric("run_s", (t1 - t0) / 1e9);
        metric("overhead_ms", ((t1 - t0) / 1e9 - 7.0) * 1000);
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
     * Workload 4: a 1 s timeout on {@code sleep 300} (or, with "sh", a shell whose child sleeps): how
     * long after the deadline the result arrives; the tree is gone by then (the runner reaps it before
     * it reports), which is checked here through the pids of the tree.
     */
    static void timeout(String kind) throws Exception {
        List<String> argv = kind.equals("sh") ? List.of("/bin/sh", "-c", "sleep 300 & sleep 300; :")
                : List.of("/bin/sleep");
        Object arg = kind.equals("sh") ? null : "300";
        CompletableFuture<Long> arrived = new CompletableFuture<>();
        List<ProcResult> results = ProcRunAsync.builder().command(argv).tasks(List.of(new Task(1, arg)))
                .workers(1).timeout(Duration.ofSeconds(1))
                .listener(r -> arrived.complete(System.nanoTime()))
                .build().runAll().join();
        long arrivedNanos = arrived.join();
        ProcResult r = results.getFirst();
        if (!r.timeout()) {
            throw new IllegalStateException("expected a timeout, got " + r);
        }
        // timeStart is wall-clock; convert the arrival to wall-clock through one paired reading.
        Instant nowWall = Instant.now();
        long nowNanos = System.nanoTime();
        Instant arrivedWall = nowWall.minusNanos(nowNanos - arrivedNanos);
        Duration late = Duration.between(r.timeStart().plusSeconds(1), arrivedWall);
        metric("late_ms", late.toNanos() / 1e6);
        metric("time_run_ms", r.timeRun().toNanos() / 1e6);
        metric("left_alive", ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
    }

    /** Workload 5: one command writing BYTES to stdout, captured whole or sent to files. */
    static void output(long bytes, String mode) throws IOException {
        Path dir = null;
        OutputPolicy policy;
        if (mode.equals("files")) {
            dir = Files.createTempDirectory("jconcurrent-bench");
            policy = OutputPolicy.toFiles(dir);
        } else {
            policy = OutputPolicy.unlimited();
        }
        long t0 = System.nanoTime();
        List<ProcResult> results = ProcRunAsync.builder().command("/usr/bin/head", "-c", Long.toString(bytes))
                .tasks(List.of(new Task(1, "/dev/zero"))).workers(1).output(policy).build().runAll().join();
        long t1 = System.nanoTime();
        check(results, 1);
        long got = dir == null ? results.getFirst().stdout().length() : Files.size(dir.resolve("1.out"));
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
