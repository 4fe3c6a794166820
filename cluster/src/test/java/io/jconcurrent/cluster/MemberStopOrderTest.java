package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's side of a stop, in every order a stop and its task can meet there (stops travel on another
 * executor than tasks, so either may come first): a task whose stop came first, or whose batch was
 * halted before it came, never runs; a running task's tree is stopped. Driven on the member's engine
 * directly, so each order is forced, not left to thread timing.
 */
class MemberStopOrderTest {

    private final String mark = ProcessLeaks.newMarker();
    private Watchdog watchdog;
    private MemberEngine engine;
    private UUID batch;

    @BeforeEach
    void openBatch() {
        watchdog = Watchdog.start(UUID.randomUUID().toString());
        engine = new MemberEngine(new Wire(ClusterSecret.none(), List.of()), 2, watchdog,
                getClass().getClassLoader());
        batch = UUID.randomUUID();
        BatchSpec spec = new BatchSpec(batch, null, List.of("sh", "-c"), null, List.of(), false, 500,
                new OutputSpec(1024, false), ProcessLeaks.markedEnvironment(mark), null, List.of());
        assertThat(engine.open(spec).error()).isNull();
    }

    @AfterEach
    void closeEngine() {
        engine.shutDown();
        watchdog.close();
        ProcessLeaks.assertNoneLeft(mark);
    }

    private CompletableFuture<Ended> send(long seq, String script) {
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        engine.submit(new TaskMessage(batch, seq, 1, null, script, 0, 500), ended::complete);
        return ended;
    }

    @Test
    void aTaskWhoseStopCameFirstIsAnsweredAndNeverRuns() throws Exception {
        engine.stop(new StopOrder(batch, true, 1));
        Ended end = send(1, "sleep 60").get(30, TimeUnit.SECONDS);
        assertThat(end.kind()).isEqualTo(Ended.Kind.NOT_STARTED);
        assertThat(end.cancelled()).isTrue();
        // the other tasks of the batch still run
        assertThat(send(2, "exit 0").get(30, TimeUnit.SECONDS).kind()).isEqualTo(Ended.Kind.EXITED);
    }

    @Test
    void aTaskThatComesAfterItsBatchWasHaltedIsAnsweredAndNeverRuns() throws Exception {
        engine.stop(new StopOrder(batch, true));
        Ended end = send(1, "sleep 60").get(30, TimeUnit.SECONDS);
        assertThat(end.kind()).isEqualTo(Ended.Kind.NOT_STARTED);
        assertThat(end.cancelled()).isTrue();
    }

    @Test
    void aRunningTasksStopKillsItsTreeAndAQueuedOnesStopAnswersIt() throws Exception {
        CompletableFuture<Ended> first = send(1, "sleep 60 & setsid sleep 61 & sleep 62");
        CompletableFuture<Ended> second = send(2, "sleep 63");
        CompletableFuture<Ended> queued = send(3, "sleep 64"); // two slots: this one waits
        ProcessLeaks.awaitRunning(mark, "sleep 63", 1);
        engine.stop(new StopOrder(batch, true, 3));
        assertThat(queued.get(30, TimeUnit.SECONDS).kind()).isEqualTo(Ended.Kind.NOT_STARTED);
        engine.stop(new StopOrder(batch, true, 1));
        engine.stop(new StopOrder(batch, true, 2));
        assertThat(first.get(30, TimeUnit.SECONDS).cancelled()).isTrue();
        assertThat(second.get(30, TimeUnit.SECONDS).cancelled()).isTrue();
        ProcessLeaks.assertNoneLeftWithin(mark, 2);
    }
}
