package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch shows in Java Flight Recorder with no extra dependency: one {@code io.jconcurrent.Task} event
 * per task, with its result's facts, and one {@code io.jconcurrent.Batch} event that counts them.
 */
class FlightRecorderEventsTest {

    @TempDir
    Path dir;

    /** Runs {@code batch} under a recording of jconcurrent's events and reads them back. */
    private List<RecordedEvent> record(Callable batch) throws Exception {
        Path file = dir.resolve("batch.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.jconcurrent.Task");
            recording.enable("io.jconcurrent.Batch");
            recording.start();
            batch.call();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
    }

    private interface Callable {
        void call() throws Exception;
    }

    private static List<RecordedEvent> ofType(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    /** The Task events of the batch that had a task with key {@code key}, by key. */
    private static Map<String, RecordedEvent> tasksOfBatchWith(List<RecordedEvent> events, String key) {
        List<RecordedEvent> tasks = ofType(events, "io.jconcurrent.Task");
        long batch = tasks.stream().filter(e -> e.getString("key").equals(key)).findFirst().orElseThrow()
                .getLong("batch");
        List<RecordedEvent> mine = tasks.stream().filter(e -> e.getLong("batch") == batch).toList();
        Map<String, RecordedEvent> byKey = mine.stream()
                .collect(Collectors.toMap(e -> e.getString("key"), Function.identity()));
        assertThat(byKey).as("one event per task").hasSameSizeAs(mine);
        return byKey;
    }

    private static RecordedEvent batchEvent(List<RecordedEvent> events, long batch) {
        List<RecordedEvent> mine = ofType(events, "io.jconcurrent.Batch").stream()
                .filter(e -> e.getLong("batch") == batch).toList();
        assertThat(mine).hasSize(1);
        return mine.getFirst();
    }

    @Test
    void eachCommandTaskRecordsOneEventWithItsResult() throws Exception {
        String marker = ProcessLeaks.newMarker();
        List<ProcResult>[] results = new List[1];
        List<RecordedEvent> events = record(() -> results[0] = ProcRunMp.builder()
                .command("/bin/sh", "-c", "sleep $1; exit $2", "sh")
                .tasks(List.of(new Task("ok", List.of("0", "0")), new Task("fails", List.of("0", "3")),
                        new Task("slow", List.of("30", "0"))))
                .workers(2).timeoutFor(task -> task.key().equals("slow") ? Duration.ofMillis(500) : Duration.ZERO)
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll());
        ProcessLeaks.assertNoneLeft(marker);

        Map<String, RecordedEvent> tasks = tasksOfBatchWith(events, "ok");
        assertThat(tasks).containsOnlyKeys("ok", "fails", "slow");
        for (ProcResult r : results[0]) {
            RecordedEvent e = tasks.get(r.key());
            assertThat(e.getString("work")).isEqualTo("command");
            assertThat(e.getString("status")).isEqualTo(r.status().name());
            assertThat(e.getString("stopReason")).isEqualTo(r.stopReason().name());
            assertThat(e.getInt("returnCode")).isEqualTo(r.returnCode());
            assertThat(e.getDuration("timeRun")).isEqualTo(r.timeRun());
            assertThat(e.getDuration("queueWait")).isEqualTo(r.queueWait());
            assertThat(e.getInstant("timeStart")).isEqualTo(r.timeStart().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(e.getLong("pid")).isPositive().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(e.getString("worker")).startsWith("jconcurrent-worker-");
            assertThat(e.getInt("attempt")).isEqualTo(1);
            assertThat(e.getString("cause")).isEqualTo(r.cause());
            // The event spans the task's time on a worker, which holds its run.
            assertThat(e.getDuration()).isGreaterThanOrEqualTo(r.timeRun().minusMillis(1));
        }
        assertThat(tasks.get("slow").getString("status")).isEqualTo("TIMED_OUT");
        assertThat(tasks.values().stream().map(e -> e.getLong("pid")).distinct()).hasSize(3);

        RecordedEvent batch = batchEvent(events, tasks.get("ok").getLong("batch"));
        assertThat(batch.getString("work")).isEqualTo("command");
        assertThat(batch.getInt("workers")).isEqualTo(2);
        assertThat(batch.getInt("tasks")).isEqualTo(3);
        assertThat(batch.getInt("succeeded")).isEqualTo(1);
        assertThat(batch.getInt("failed")).isEqualTo(1);
        assertThat(batch.getInt("timedOut")).isEqualTo(1);
        assertThat(batch.getInt("cancelled")).isZero();
        assertThat(batch.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aThousandInProcessFunctionsRecordAThousandEvents() throws Exception {
        List<RecordedEvent> events = record(() -> ProcRunAsync.builder()
                .asyncFunction((key, args) -> CompletableFuture.completedFuture(Outcome.ok(key)))
                .tasks(IntStream.range(0, 1000).mapToObj(i -> new Task("f" + i, i)).toList())
                .workers(4).timeout(Duration.ofSeconds(30)).build().runAll().join());

        Map<String, RecordedEvent> tasks = tasksOfBatchWith(events, "f0");
        assertThat(tasks).hasSize(1000);
        assertThat(tasks.values()).allSatisfy(e -> {
            assertThat(e.getString("work")).isEqualTo("async function");
            assertThat(e.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(e.getLong("pid")).isEqualTo(ProcessHandle.current().pid());
            assertThat(e.getInt("returnCode")).isEqualTo(-1);
        });
        RecordedEvent batch = batchEvent(events, tasks.get("f0").getLong("batch"));
        assertThat(batch.getInt("tasks")).isEqualTo(1000);
        assertThat(batch.getInt("succeeded")).isEqualTo(1000);
        assertThat(batch.getInt("workers")).isEqualTo(4);
        assertThat(batch.getDuration("timeout")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFunctionInAWorkerJvmNamesThatJvm() throws Exception {
        List<ProcResult>[] results = new List[1];
        List<RecordedEvent> events = record(() -> results[0] = ProcRunMp.builder()
                .function((key, args) -> Outcome.ok(ProcessHandle.current().pid()))
                .tasks(Task.pairs("w1", 1, "w2", 2)).workers(1).build().runAll());

        Map<String, RecordedEvent> tasks = tasksOfBatchWith(events, "w1");
        assertThat(tasks).containsOnlyKeys("w1", "w2");
        assertThat(tasks.values()).allSatisfy(e -> {
            assertThat(e.getString("work")).isEqualTo("function (worker JVM)");
            assertThat(e.getLong("pid")).isPositive().isNotEqualTo(ProcessHandle.current().pid());
        });
        for (ProcResult r : results[0]) {
            assertThat(tasks.get(r.key()).getLong("pid")).as("the pid of the JVM that ran it").isEqualTo(r.answer());
        }
    }

    @Test
    void aRetriedTaskRecordsOneEventPerAttempt() throws Exception {
        String marker = ProcessLeaks.newMarker();
        List<ProcResult>[] results = new List[1];
        List<RecordedEvent> events = record(() -> results[0] = ProcRunMp.builder()
                .command("/bin/sh", "-c", "exit $1", "sh")
                .tasks(Task.pairs("retried", 3, "once", 0)).retry(Retry.times(3))
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll());
        ProcessLeaks.assertNoneLeft(marker);

        List<RecordedEvent> tasks = ofType(events, "io.jconcurrent.Task");
        long batch = tasks.stream().filter(e -> e.getString("key").equals("once")).findFirst().orElseThrow()
                .getLong("batch");
        List<RecordedEvent> retried = tasks.stream()
                .filter(e -> e.getLong("batch") == batch && e.getString("key").equals("retried")).toList();
        assertThat(retried).extracting(e -> e.getInt("attempt")).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(retried).allSatisfy(e -> {
            assertThat(e.getString("status")).isEqualTo("FAILED");
            assertThat(e.getInt("returnCode")).isEqualTo(3);
        });
        assertThat(retried.stream().map(e -> e.getLong("pid")).distinct()).as("a process per attempt").hasSize(3);
        assertThat(results[0].getFirst().attempt()).isEqualTo(3);
        RecordedEvent batchEvent = batchEvent(events, batch);
        assertThat(batchEvent.getInt("tasks")).as("the batch counts tasks, not attempts").isEqualTo(2);
        assertThat(batchEvent.getInt("failed")).isEqualTo(1);
    }

    @Test
    void tasksThatNeverStartedAreCountedInTheBatchOnly() throws Exception {
        List<RecordedEvent> events = record(() -> ProcRunMp.builder().command("/bin/sh", "-c", "exit $1", "sh")
                .tasks(Task.pairs("first", 1, "second", 0, "third", 0)).workers(1).failFast(true).build().runAll());

        Map<String, RecordedEvent> tasks = tasksOfBatchWith(events, "first");
        assertThat(tasks).containsOnlyKeys("first");
        RecordedEvent batch = batchEvent(events, tasks.get("first").getLong("batch"));
        assertThat(batch.getInt("tasks")).isEqualTo(3);
        assertThat(batch.getInt("failed")).isEqualTo(1);
        assertThat(batch.getInt("cancelled")).isEqualTo(2);
    }

    @Test
    void aBatchThatKeepsNoResultsStillCountsThem() throws Exception {
        List<RecordedEvent> events = record(() -> ProcRunMp.builder().command("/bin/sh", "-c", "exit $1", "sh")
                .tasks(Task.pairs("kept-none-1", 0, "kept-none-2", 1, "kept-none-3", 0))
                .retainResults(false).listener(r -> { }).build().runAll());

        Map<String, RecordedEvent> tasks = tasksOfBatchWith(events, "kept-none-1");
        assertThat(tasks).hasSize(3);
        RecordedEvent batch = batchEvent(events, tasks.get("kept-none-1").getLong("batch"));
        assertThat(batch.getInt("tasks")).isEqualTo(3);
        assertThat(batch.getInt("succeeded")).isEqualTo(2);
        assertThat(batch.getInt("failed")).isEqualTo(1);
    }

    /** Runs {@link TwoBatchesMain} in a fresh JVM with these options. */
    private static void runTwoBatches(String... jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TwoBatchesMain.class.getName()));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(out).isZero();
        assertThat(out).contains("ok");
    }

    @Test
    void aRunWithStartFlightRecordingRecordsEveryBatch() throws Exception {
        Path file = dir.resolve("run.jfr");
        runTwoBatches("-XX:StartFlightRecording:filename=" + file);
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertThat(ofType(events, "io.jconcurrent.Task")).hasSize(102);
        assertThat(ofType(events, "io.jconcurrent.Batch")).extracting(e -> e.getInt("tasks"))
                .containsExactlyInAnyOrder(100, 2);
    }

    @Test
    void aJvmWithoutFlightRecorderNeverLoadsItsEventClasses() throws Exception {
        Path log = dir.resolve("classes.txt");
        runTwoBatches("-Xlog:class+load=info:file=" + log);
        List<String> loaded = java.nio.file.Files.readAllLines(log);
        assertThat(loaded).anyMatch(l -> l.contains(" io.jconcurrent.ProcRunMp "));
        assertThat(loaded).noneMatch(l -> l.contains(" jdk.jfr.Event ") || l.contains(" io.jconcurrent.internal.events.TaskEvent "));
    }
}
