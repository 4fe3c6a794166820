package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the Javadoc: each {@code @start region} below is shown by a {@code {@snippet}} in
 * the public API's documentation, so an example that stops compiling or working fails this test.
 * Naps are short, so the suite stays quick.
 */
class ApiExamplesTest {

    @TempDir
    Path dir;
    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void nothingLeftRunning() {
        ProcessLeaks.assertNoneLeft(marker);
    }

    @Test
    void seedExampleWithTheAsyncRunner() {
        // @start region="async-seed"
        ProcRunAsync run = new ProcRunAsync(List.of("/usr/bin/sleep"),
                Task.pairs(1, 0.1, 2, 0.7, 3, 0.2, 4, 0.2, 5, 0.1), 4, Duration.ofSeconds(30));
        CompletableFuture<List<ProcResult>> done = run.runAll(); // returns at once
        List<ProcResult> results = done.join();                  // one result per task, in input order
        // @end
        assertThat(results).extracting(ProcResult::key).containsExactly(1, 2, 3, 4, 5);
        assertThat(results).allMatch(ProcResult::success);
    }

    @Test
    void builderWithALazySourceAndAListener() throws Exception {
        // @start region="builder"
        Queue<ProcResult> seen = new ConcurrentLinkedQueue<>();    // the listener runs on many threads
        Stream<Task> tasks = IntStream.rangeClosed(1, 20).mapToObj(i -> Task.of("job-" + i, i));

        List<ProcResult> results = ProcRunMp.builder()
                .command("/bin/sh", "-c", "test $(($1 % 7)) -ne 0", "sh") // fails for 7 and 14
                .lazyTasks(tasks)                                       // pulled as workers free up
                .workers(4)
                .timeout(Duration.ofSeconds(10)).environment(ProcessLeaks.markedEnvironment(marker)) // @replace substring=".environment(ProcessLeaks.markedEnvironment(marker))" replacement=""
                .listener(seen::add)                                    // each result as its task ends
                .build()
                .runAll();

        assertThat(results).hasSize(20);                          // input order
        assertThat(seen).hasSize(20);                             // every call came before runAll returned
        assertThat(results).filteredOn(r -> !r.success()).extracting(ProcResult::key)
                .containsExactly("job-7", "job-14");
        // @end
    }

    @Test
    void functionInAWorkerJvmIsStoppedAtItsDeadline() throws Exception {
        // @start region="worker-timeout"
        TaskFunction spin = (key, args) -> {
            while (true) {
                // ignores interrupts: only killing its JVM stops it
            }
        };
        List<ProcResult> results = ProcRunMp.builder()
                .function(spin)
                .tasks(Task.pairs("a", null))
                .timeout(Duration.ofMillis(500))
                .build()
                .runAll();
        ProcResult a = results.getFirst();
        assertThat(a.status()).isEqualTo(Status.TIMED_OUT);   // and its worker JVM is gone
        // @end
        assertThat(a.stopReason()).isEqualTo(StopReason.TIMEOUT);
    }

    @Test
    void asyncFunctionWithTheAsyncRunner() {
        // @start region="async-function"
        AsyncTaskFunction later = (key, args) -> CompletableFuture.supplyAsync(
                () -> Outcome.ok(key + " waited " + args.getLast() + " ms"),
                CompletableFuture.delayedExecutor((Integer) args.getLast(), TimeUnit.MILLISECONDS));

        List<ProcResult> results = ProcRunAsync.builder()
                .asyncFunction(later)
                .tasks(Task.pairs("x", 50, "y", 10))
                .workers(0)                                   // no cap: no thread is held while waiting
                .build()
                .runAll()
                .join();
        assertThat(results.getFirst().answer()).isEqualTo("x waited 50 ms");
        // @end
    }

    @Test
    void cancellingTheFutureStopsTheBatch() throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        // @start region="cancel"
        ProcRunAsync run = ProcRunAsync.builder()
                .command("/usr/bin/sleep")
                .tasks(Task.pairs("quick", 0, "slow", 300)).environment(ProcessLeaks.markedEnvironment(marker)) // @replace substring=".environment(ProcessLeaks.markedEnvironment(marker))" replacement=""
                .listener(r -> firstDone.countDown())
                .build();
        CompletableFuture<List<ProcResult>> done = run.runAll();
        firstDone.await();
        done.cancel(true);                      // kills the running trees; starts nothing more

        assertThatThrownBy(done::join).isInstanceOf(CancellationException.class);
        // results() fills in as each stopped task gets its result, CANCELLED
        // @end
        awaitResults(run, 2);
        assertThat(run.results()).extracting(ProcResult::status)
                .containsExactly(Status.SUCCEEDED, Status.CANCELLED);
    }

    @Test
    void interruptingRunAllCancelsTheBatchThenThrows() throws Exception {
        ProcRunMp run = ProcRunMp.builder().command("/usr/bin/sleep").tasks(Task.pairs("slow", 300))
                .environment(ProcessLeaks.markedEnvironment(marker)).build();
        Thread caller = Thread.currentThread();
        Thread.ofVirtual().start(() -> {
            ProcessLeaks.awaitRunning(marker, 1);
            caller.interrupt();
        });
        // @start region="interrupt"
        try {
            run.runAll();
        } catch (InterruptedException e) {
            // every process tree of the batch is gone by now, and each task has its result
            assertThat(run.results()).extracting(ProcResult::stopReason).containsExactly(StopReason.CANCELLED);
            Thread.currentThread().interrupt();  // keep the interrupt for the code above
        }
        // @end
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void outputToFiles() throws Exception {
        // @start region="to-files"
        Path logs = dir.resolve("logs");
        ProcRunMp.builder()
                .command("/bin/sh", "-c", "echo out $1; echo err $1 >&2", "sh")
                .tasks(Task.pairs("a", 1, "b", 2))
                .output(OutputPolicy.toFiles(logs))     // constant memory, whatever the size
                .build()
                .runAll();
        assertThat(logs.resolve("a.out")).hasContent("out 1");
        assertThat(logs.resolve("b.err")).hasContent("err 2");
        // @end
        assertThat(Files.list(logs)).hasSize(4);
    }

    @Test
    void flightRecorderShowsEachTask() throws Exception {
        Path file = dir.resolve("batch.jfr");
        // @start region="jfr"
        try (Recording recording = new Recording()) {
            recording.enable("io.jconcurrent.Task");
            recording.enable("io.jconcurrent.Batch");
            recording.start();
            ProcRunMp.builder().command("/bin/true").tasks(Task.pairs("t1", null, "t2", null)).build().runAll();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> tasks = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.jconcurrent.Task"))
                .toList();
        assertThat(tasks).extracting(e -> e.getString("key")).containsExactlyInAnyOrder("t1", "t2");
        // @end
    }

    private static void awaitResults(ProcRunAsync run, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.results().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
