package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A placement written outside core plugs into the runners: the engine starts each task through it,
 * keeps the deadline and the stop itself, keeps what the task printed, and makes the result.
 */
class PlacementSpiTest {

    /**
     * Runs each task "elsewhere" (a virtual thread standing for a remote member): an arg
     * {@code "sleep N"} sleeps N ms and prints, {@code "missing"} cannot start, anything else exits with
     * the arg's length.
     */
    static final class ElsewherePlacement implements Placement {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger stopped = new AtomicInteger();
        final CountDownLatch running = new CountDownLatch(1);

        @Override
        public Launcher open(Batch batch) {
            opened.incrementAndGet();
            return new Launcher() {
                @Override
                public RunningTask start(Launch launch) {
                    String arg = String.valueOf(launch.task().arg());
                    if (arg.equals("missing")) {
                        return RunningTask.ended(new TaskEnd.NotStarted("no such member", null, 127));
                    }
                    CompletableFuture<Integer> exit = new CompletableFuture<>();
                    long start = System.nanoTime();
                    Thread remote = Thread.ofVirtual().start(() -> {
                        try {
                            running.countDown();
                            if (arg.startsWith("sleep ")) {
                                Thread.sleep(Long.parseLong(arg.substring(6)));
                            }
                            launch.stdout().write(("ran " + arg + " attempt " + launch.attempt() + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                            exit.complete(arg.startsWith("sleep ") ? 0 : arg.length());
                        } catch (InterruptedException | IOException e) {
                            exit.complete(143);
                        }
                    });
                    return new RunningTask() {
                        TaskEnd end;

                        @Override
                        public long startNanos() {
                            return start;
                        }

                        @Override
                        public boolean awaitEnd(long untilNanos) throws InterruptedException {
                            try {
                                int code = untilNanos == Long.MAX_VALUE ? exit.get()
                                        : exit.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                                end = new TaskEnd.Exited(code);
                                return true;
                            } catch (java.util.concurrent.TimeoutException e) {
                                return false;
                            } catch (java.util.concurrent.ExecutionException e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        public void stop(Duration grace) {
                            stopped.incrementAndGet();
                            remote.interrupt();
                            end = new TaskEnd.Stopped(exit.join(), "; stopped on member 1");
                        }

                        @Override
                        public TaskEnd end() {
                            return end;
                        }
                    };
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    @Test
    void tasksRunThroughAPlacementGivenToTheBuilderAndItsOutputIsKept() throws Exception {
        ElsewherePlacement elsewhere = new ElsewherePlacement();
        List<ProcResult> results = ProcRunMp.builder().command("/bin/true").placement(elsewhere)
                .tasks(Task.pairs(1, "sleep 10", 2, "abc", 3, "missing")).build().runAll();

        assertThat(elsewhere.opened).hasValue(1);
        assertThat(elsewhere.closed).hasValue(1);
        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(0).stdout()).isEqualTo("ran sleep 10 attempt 1\n");
        assertThat(results.get(0).attempt()).isEqualTo(1);
        assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(1).returnCode()).isEqualTo(3);
        assertThat(results.get(1).cause()).isEqualTo("exit code 3");
        assertThat(results.get(2).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(2).cause()).isEqualTo("no such member");
        assertThat(results.get(2).returnCode()).isEqualTo(127);
        assertThat(results.get(2).timeRun()).isZero();
    }

    @Test
    void theEngineStopsAPlacedTaskAtItsDeadline() throws Exception {
        ElsewherePlacement elsewhere = new ElsewherePlacement();
        ProcResult r = ProcRunMp.builder().command("/bin/true").placement(elsewhere)
                .tasks(Task.pairs(1, "sleep 60000")).timeout(Duration.ofMillis(300)).build().runAll().getFirst();

        assertThat(r.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(r.stopReason()).isEqualTo(StopReason.TIMEOUT);
        assertThat(r.cause()).isEqualTo("timed out after 0.3 s; stopped on member 1");
        assertThat(r.returnCode()).isEqualTo(143);
        assertThat(elsewhere.stopped).hasValue(1);
    }

    @Test
    void cancellingTheBatchStopsPlacedTasks() throws Exception {
        ElsewherePlacement elsewhere = new ElsewherePlacement();
        ProcRunAsync run = ProcRunAsync.builder().command("/bin/true").placement(elsewhere)
                .tasks(Task.pairs(1, "sleep 60000")).build();
        CompletableFuture<List<ProcResult>> future = run.runAll();
        assertThat(elsewhere.running.await(30, TimeUnit.SECONDS)).isTrue();
        future.cancel(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.results().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ProcResult r = run.results().getFirst();
        assertThat(r.status()).isEqualTo(Status.CANCELLED);
        assertThat(r.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(r.cause()).isEqualTo("stopped: the batch was cancelled; stopped on member 1");
    }
}
