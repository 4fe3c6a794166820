package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Function tasks in worker JVMs, ProcRunMp's default: the seed's MP function tests, hard timeouts,
 * crash isolation, output capture, serialization errors, and no worker outliving its batch or parent.
 * The functions are static methods so that they travel to the workers by name.
 */
class WorkerJvmTest {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @AfterEach
    void noWorkerOutlivesItsBatch() {
        WorkerProcesses.assertNoWorkersLeft();
    }

    // ---- the functions the tasks run (in the workers) ----

    /** The seed's test function: sleep for the task's arg (in seconds), answer with what it got. */
    static Outcome seedFunction(Object key, List<Object> args) throws InterruptedException {
        double nap = ((Number) args.getLast()).doubleValue();
        Thread.sleep((long) (nap * 1000));
        return Outcome.ok(Map.of("key", key, "args", List.copyOf(args), "result", "test_func done",
                "pid", ProcessHandle.current().pid()));
    }

    static volatile long sink;

    /** Spins forever, clearing every interrupt it gets. */
    static Outcome busyLoopIgnoringInterrupts(Object key, List<Object> args) {
        if ("quick".equals(args.getLast())) {
            return Outcome.ok("done");
        }
        long x = 0;
        while (sink >= 0) {
            Thread.interrupted();
            sink = ++x;
        }
        return Outcome.ok(x);
    }

    /** Ends its worker in the way its arg names, or returns normally for "ok". */
    static Outcome crash(Object key, List<Object> args) throws Exception {
        String how = (String) args.getLast();
        System.out.println("before " + how);
        switch (how) {
            case "exit" -> System.exit(3);
            case "halt" -> Runtime.getRuntime().halt(4);
            case "oom" -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }
            case "stack" -> {
                return Outcome.ok(recurse(0));
            }
            case "spin" -> {
                return busyLoopIgnoringInterrupts(key, List.of("spin"));
            }
            case "sigkill" -> {
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(30_000);
            }
            default -> {
                return Outcome.ok(ProcessHandle.current().pid());
            }
        }
        return Outcome.failed("still alive");
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    /** Starts {@code sleep 300}, prints its pid, then waits as its arg says ("return" or "spin"). */
    static Outcome leaveSubprocess(Object key, List<Object> args) throws Exception {
        Process p = new ProcessBuilder("sleep", "300").start();
        System.out.println("child " + p.pid());
        if ("spin".equals(args.getLast())) {
            busyLoopIgnoringInterrupts(key, List.of("spin"));
        }
        return Outcome.ok(p.pid());
    }

    /** Writes to both streams, and lets a subprocess write to the worker's real stdout. */
    static Outcome chatty(Object key, List<Object> args) throws Exception {
        System.out.println("out of " + key);
        System.err.println("err of " + key);
        new ProcessBuilder("echo", "from an inheriting child").inheritIO().start().waitFor();
        return Outcome.ok(args.getLast());
    }

    static Outcome answerWith(Object key, List<Object> args) {
        return "unserializable".equals(args.getLast()) ? Outcome.ok(new Object()) : Outcome.ok(args.getLast());
    }

    // ---- the tests ----

    @Test
    void seedMpFunctionTestRunsInWorkerJvms() throws Exception {
        TaskFunction fn = WorkerJvmTest::seedFunction;
        ProcRunMp run = new ProcRunMp(List.of(fn, "dummy-arg"),
                Task.pairs(1, 0.1, 2, 0.7, 3, 0.2, 4, 0.2, 5, 0.1), 4, Duration.ZERO);

        List<ProcResult> results = run.runAll();

        assertThat(results).extracting(ProcResult::key).containsExactly(1, 2, 3, 4, 5);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.success()).as("%s: %s", r.key(), r.cause()).isTrue();
            assertThat(r.timeout()).isFalse();
            Map<?, ?> answer = (Map<?, ?>) r.answer();
            assertThat(answer.get("key")).isEqualTo(r.key());
            assertThat(answer.get("args")).isEqualTo(List.of("dummy-arg", r.arg()));
            assertThat(answer.get("pid")).isNotEqualTo(ProcessHandle.current().pid());
        });
        Set<Object> pids = results.stream().map(r -> ((Map<?, ?>) r.answer()).get("pid")).collect(Collectors.toSet());
        assertThat(pids).hasSizeBetween(1, 4);
    }

    @Test
    void seedMpFunctionTimeoutTestStopsTheOverrunningTask() throws Exception {
        TaskFunction fn = WorkerJvmTest::seedFunction;
        ProcRunMp run = new ProcRunMp(List.of(fn, "dummy-arg"),
                Task.pairs(1, 0.1, 2, 30, 3, 0.2, 4, 0.2, 5, 0.1), 4, Duration.ofSeconds(2));

        Map<Object, ProcResult> byKey = byKey(run.runAll());

        assertThat(byKey.get(2).status()).isEqualTo(Status.TIMED_OUT);
        assertThat(byKey.get(2).timeout()).isTrue();
        assertThat(byKey.get(2).stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(byKey.get(2).timeRun()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(byKey.values().stream().filter(ProcResult::success)).hasSize(4);
    }

    @Test
    void busyLoopIgnoringInterruptsIsStoppedAtItsTimeout() throws Exception {
        List<ProcResult> results = ProcRunMp.builder()
                .function(WorkerJvmTest::busyLoopIgnoringInterrupts)
                .tasks(Task.pairs("spin", "spin", "quick", "quick"))
                .workers(2).timeout(Duration.ofSeconds(1)).build().runAll();

        Map<Object, ProcResult> byKey = byKey(results);
        ProcResult spin = byKey.get("spin");
        assertThat(spin.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(spin.cause()).contains("timed out after 1 s").contains("killed");
        assertThat(spin.timeRun()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
        assertThat(byKey.get("quick").success()).isTrue();
    }

    @Test
    void eachTasksOwnTimeLimitStopsItsWorker() throws Exception {
        List<ProcResult> results = ProcRunMp.builder()
                .function(WorkerJvmTest::busyLoopIgnoringInterrupts)
                .tasks(Task.pairs("spin", "spin", "quick", "quick"))
                .timeoutFor(task -> "spin".equals(task.key()) ? Duration.ofSeconds(1) : Duration.ZERO)
                .workers(2).build().runAll();

        Map<Object, ProcResult> byKey = byKey(results);
        assertThat(byKey.get("spin").status()).isEqualTo(Status.TIMED_OUT);
        assertThat(byKey.get("spin").cause()).contains("timed out after 1 s");
        assertThat(byKey.get("quick").success()).isTrue();
    }

    @Test
    void eachKindOfWorkerCrashFailsOnlyItsOwnTask() throws Exception {
        List<ProcResult> results = ProcRunMp.builder()
                .function(WorkerJvmTest::crash)
                .tasks(Task.pairs("ok1", "ok", "exit", "exit", "halt", "halt", "oom", "oom", "stack", "stack",
                        "sigkill", "sigkill", "ok2", "ok"))
                .workers(2).timeout(GENEROUS).workerJvmOptions(List.of("-Xmx64m"))
                .build().runAll();

        Map<Object, ProcResult> byKey = byKey(results);
        assertThat(byKey.get("ok1").success()).isTrue();
        assertThat(byKey.get("ok2").success()).isTrue();
        for (String key : List.of("exit", "halt", "oom", "stack", "sigkill")) {
            ProcResult r = byKey.get(key);
            assertThat(r.status()).as(key).isEqualTo(Status.FAILED);
            assertThat(r.stdout()).as(key).contains("before " + key);
        }
        assertThat(byKey.get("exit").cause()).contains("exited with status 3 (System.exit)").contains("task exit");
        assertThat(byKey.get("halt").cause()).contains("halted with status 4");
        assertThat(byKey.get("oom").exception()).isInstanceOf(OutOfMemoryError.class);
        assertThat(byKey.get("oom").cause()).contains("OutOfMemoryError").contains("replaced");
        assertThat(byKey.get("stack").exception()).isInstanceOf(StackOverflowError.class);
        assertThat(byKey.get("sigkill").cause()).contains("killed by signal 9 (SIGKILL)");
    }

    @Test
    void timedOutTaskKeepsItsOutputAndItsSubprocessDiesWithItsWorker() throws Exception {
        ProcResult r = ProcRunMp.builder().function(WorkerJvmTest::leaveSubprocess).tasks(Task.pairs(1, "spin"))
                .timeout(Duration.ofSeconds(2)).build().runAll().getFirst();

        assertThat(r.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(r.stdout()).startsWith("child ");
        long child = Long.parseLong(r.stdout().strip().substring("child ".length()));
        WorkerProcesses.assertAllGone(ProcessHandle.of(child).stream().toList(), Duration.ofSeconds(5));
    }

    @Test
    void subprocessesLeftByFinishedTasksDieWhenTheBatchEnds() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::leaveSubprocess)
                .tasks(Task.pairs(1, "return", 2, "return")).workers(2).build().runAll();

        assertThat(results).allMatch(ProcResult::success);
        List<ProcessHandle> children = results.stream()
                .flatMap(r -> ProcessHandle.of((Long) r.answer()).stream()).toList();
        WorkerProcesses.assertAllGone(children, Duration.ofSeconds(5));
    }

    @Test
    void whatTheFunctionPrintsEndsUpInItsResult() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::chatty)
                .tasks(Task.pairs("a", 1, "b", 2)).workers(1).build().runAll();

        assertThat(results).allSatisfy(r -> {
            assertThat(r.success()).as(r.cause()).isTrue();
            assertThat(r.stdout()).isEqualTo("out of " + r.key() + "\n");
            // The inheriting child's line goes to the worker's real stdout, which the parent adds to
            // stderr as it arrives; the protocol is unharmed, but where the line lands is not exact.
            assertThat(r.stderr()).contains("err of " + r.key() + "\n");
            assertThat(r.answer()).isEqualTo(r.arg());
        });
    }

    @Test
    void outputBeyondTheCapKeepsHeadAndTail() throws Exception {
        TaskFunction loud = (key, args) -> {
            for (int i = 0; i < 20_000; i++) {
                System.out.println("line " + i);
            }
            return Outcome.ok(null);
        };
        ProcResult r = ProcRunMp.builder().function(loud).tasks(Task.pairs(1, 1))
                .output(OutputPolicy.capture(1000)).build().runAll().getFirst();

        assertThat(r.stdoutTruncated()).isTrue();
        assertThat(r.stdout()).startsWith("line 0\n").endsWith("line 19999\n").contains("bytes omitted");
    }

    /** A function that is an object, not a lambda: it travels by Java serialization. */
    record Prefixer(String prefix) implements TaskFunction {
        @Override
        public Outcome apply(Object key, List<Object> args) {
            return Outcome.ok(prefix + args.getLast());
        }
    }

    @Test
    void lambdasWithCapturedValuesAndFunctionObjectsAllTravel() throws Exception {
        String greeting = "hi ";
        List<Integer> numbers = List.of(1, 2);
        List<TaskFunction> functions = List.of(
                (key, args) -> Outcome.ok(greeting + args.getLast()),
                (key, args) -> Outcome.ok(numbers.size() + " " + args.getLast()),
                new Prefixer("p "));
        List<String> answers = new ArrayList<>();
        for (TaskFunction fn : functions) {
            ProcResult r = ProcRunMp.builder().function(fn, List.of("fixed")).tasks(Task.pairs(1, "x")).build()
                    .runAll().getFirst();
            assertThat(r.success()).as(r.cause()).isTrue();
            answers.add((String) r.answer());
        }
        assertThat(answers).containsExactly("hi x", "2 x", "p x");
    }

    @Test
    void workerJvmThatCannotStartFailsEveryTaskWithTheJvmsReason() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::answerWith)
                .tasks(Task.pairs(1, 1, 2, 2, 3, 3)).workers(2)
                .workerJvmOptions(List.of("-XX:+NoSuchOptionForJconcurrent")).build().runAll();

        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.cause()).contains("exited before it was ready").contains("NoSuchOptionForJconcurrent");
        });
    }

    @Test
    void unlimitedWorkersStillCapsTheWorkerJvms() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::crash)
                .tasks(java.util.stream.IntStream.range(0, 12).mapToObj(i -> Task.of(i, "ok")).toList())
                .workers(0).build().runAll();

        assertThat(results).allMatch(ProcResult::success);
        assertThat(results.stream().map(ProcResult::answer).distinct().count())
                .isLessThanOrEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void functionThatCannotBeSerializedIsRejectedNamingTheClass() {
        Object notSerializable = new Object();
        TaskFunction capturing = (key, args) -> Outcome.ok(notSerializable.hashCode());

        assertThatThrownBy(() -> ProcRunMp.builder().function(capturing).tasks(Task.pairs(1, 1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be sent to a worker JVM")
                .hasMessageContaining("java.lang.Object is not Serializable");
    }

    @Test
    void fixedArgThatCannotBeSerializedIsRejectedNamingTheClass() {
        assertThatThrownBy(() -> new ProcRunMp(List.of((TaskFunction) WorkerJvmTest::answerWith, new Thread()),
                Task.pairs(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed arg 0 (java.lang.Thread)");
    }

    @Test
    void argOrAnswerThatCannotTravelFailsOnlyItsTask() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::answerWith)
                .tasks(List.of(Task.of("arg", new Object()), Task.of("answer", "unserializable"), Task.of("ok", 7)))
                .workers(1).build().runAll();

        Map<Object, ProcResult> byKey = byKey(results);
        assertThat(byKey.get("arg").status()).isEqualTo(Status.FAILED);
        assertThat(byKey.get("arg").cause()).contains("arg (java.lang.Object) cannot be sent");
        assertThat(byKey.get("answer").status()).isEqualTo(Status.FAILED);
        assertThat(byKey.get("answer").cause()).contains("answer of class java.lang.Object");
        assertThat(byKey.get("ok").answer()).isEqualTo(7);
    }

    @Test
    void asyncFunctionIsRejectedForWorkerJvms() {
        AsyncTaskFunction async = (key, args) -> java.util.concurrent.CompletableFuture.completedFuture(Outcome.ok(1));

        assertThatThrownBy(() -> ProcRunMp.builder().asyncFunction(async).tasks(Task.pairs(1, 1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AsyncTaskFunction")
                .hasMessageContaining("IN_PROCESS");
    }

    @Test
    void workersAreReusedAndGoneAfterTheBatch() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::crash)
                .tasks(Task.pairs(1, "ok", 2, "ok", 3, "ok", 4, "ok", 5, "ok", 6, "ok")).workers(2).build().runAll();

        Set<Long> pids = new HashSet<>();
        results.forEach(r -> pids.add((Long) r.answer()));
        assertThat(pids).hasSizeBetween(1, 2);
        WorkerProcesses.assertAllGone(pids.stream().flatMap(p -> ProcessHandle.of(p).stream()).toList(),
                Duration.ofSeconds(1));
    }

    @Test
    void interruptingRunAllKillsTheWorkersAndCancelsTheirTasks() throws Exception {
        ProcRunMp run = ProcRunMp.builder().function(WorkerJvmTest::busyLoopIgnoringInterrupts)
                .tasks(Task.pairs(1, "spin", 2, "spin", 3, "spin")).workers(2).build();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                run.runAll();
            } catch (InterruptedException e) {
                // expected
            }
        });
        assertThat(WorkerProcesses.await(GENEROUS, () -> run.results().isEmpty()
                && WorkerProcesses.workersOf(ProcessHandle.current()).size() == 2)).isTrue();

        caller.interrupt();
        caller.join(GENEROUS.toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(run.results()).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.CANCELLED));
    }

    @Test
    void failFastKillsTheOtherTasksWorkers() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().function(WorkerJvmTest::crash)
                .tasks(Task.pairs("spin", "spin", "fails", "halt")).workers(2).failFast(true).build().runAll();

        Map<Object, ProcResult> byKey = byKey(results);
        assertThat(byKey.get("fails").status()).isEqualTo(Status.FAILED);
        assertThat(byKey.get("spin").status()).isEqualTo(Status.CANCELLED);
        assertThat(byKey.get("spin").stopReason()).isEqualTo(StopReason.FAIL_FAST);
        assertThat(byKey.get("spin").cause()).contains("fail-fast");
    }

    @Test
    void outputCanGoToFilesNamedAfterTheKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ProcResult r = ProcRunMp.builder().function(WorkerJvmTest::chatty).tasks(Task.pairs("k", 1))
                .output(OutputPolicy.toFiles(dir)).build().runAll().getFirst();

        assertThat(r.success()).isTrue();
        assertThat(java.nio.file.Files.readString(dir.resolve("k.out"))).isEqualTo("out of k\n");
        assertThat(java.nio.file.Files.readString(dir.resolve("k.err"))).contains("err of k\n");
    }

    @Test
    void workersExitWhenTheirParentIsKilledWithSigkill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WorkerParentMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> below = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("parent ");
            // Both workers up, each with its sleep child.
            assertThat(WorkerProcesses.await(GENEROUS, () -> WorkerProcesses.workersOf(parent.toHandle()).size() == 2
                    && parent.descendants().filter(h -> !WorkerProcesses.isWorker(h)).count() >= 2)).isTrue();
            below = parent.descendants().toList();

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.waitFor();

            WorkerProcesses.assertAllGone(below, Duration.ofSeconds(15));
        } finally {
            parent.destroyForcibly();
            below.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Map<Object, ProcResult> byKey(List<ProcResult> results) {
        return results.stream().collect(Collectors.toMap(ProcResult::key, Function.identity()));
    }
}
