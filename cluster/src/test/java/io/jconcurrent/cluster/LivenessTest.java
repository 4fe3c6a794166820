package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The submitter's watch on its members: one that stops answering pings while another answers is taken
 * for lost, once; one that answers is not; members silent together are not, nor is a lone one, nor one
 * no longer watched. (Timing is only bounded loosely here: how fast it
 * is lives in bench/cluster.sh.)
 */
class LivenessTest {

    /** A target that answers pings while {@code answering}; nothing else is used. */
    private static final class Pinged implements Target {
        final String name;
        volatile boolean answering = true;

        Pinged(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int workers() {
            return 1;
        }

        @Override
        public String open(BatchSpec spec) {
            return null;
        }

        @Override
        public void send(TaskMessage message, BiConsumer<TaskReply, Throwable> done) {
        }

        @Override
        public void ping(Runnable answered) {
            if (answering) {
                Thread.ofVirtual().start(answered);
            }
        }

        @Override
        public void stop(StopOrder order) {
        }

        @Override
        public void end(UUID batchId) {
        }
    }

    @Test
    void memberThatStopsAnsweringIsTakenForLostOnceAndOthersAreNot() throws Exception {
        List<String> silent = new CopyOnWriteArrayList<>();
        Pinged frozen = new Pinged("frozen");
        Pinged alive = new Pinged("alive");
        try (Liveness liveness = new Liveness((t, why) -> silent.add(t.name() + ": " + why))) {
            liveness.watch(frozen);
            liveness.watch(alive);
            Thread.sleep(2 * Liveness.SILENCE_MILLIS); // both answer: neither is taken for lost
            assertThat(silent).isEmpty();
            frozen.answering = false;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (silent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(2 * Liveness.SILENCE_MILLIS); // and it is reported once only
            assertThat(silent).hasSize(1);
            assertThat(silent.getFirst()).startsWith("frozen: no sign of life for ");
        }
    }

    @Test
    void membersSilentTogetherAreNotTakenForLostUntilOneAnswersAgain() throws Exception {
        List<String> silent = new CopyOnWriteArrayList<>();
        Pinged a = new Pinged("a");
        Pinged b = new Pinged("b");
        a.answering = false;
        b.answering = false;
        try (Liveness liveness = new Liveness((t, why) -> silent.add(t.name()))) {
            liveness.watch(a);
            liveness.watch(b);
            // Nobody answers: the submitter or its network is more likely at fault than every member.
            Thread.sleep(3 * Liveness.SILENCE_MILLIS);
            assertThat(silent).isEmpty();
            b.answering = true;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (silent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(Liveness.SILENCE_MILLIS);
            assertThat(silent).containsExactly("a");
        }
    }

    @Test
    void aLoneSilentMemberIsLeftToHazelcastsHeartbeat() throws Exception {
        List<String> silent = new CopyOnWriteArrayList<>();
        Pinged lone = new Pinged("lone");
        lone.answering = false;
        try (Liveness liveness = new Liveness((t, why) -> silent.add(t.name()))) {
            liveness.watch(lone);
            Thread.sleep(3 * Liveness.SILENCE_MILLIS);
            assertThat(silent).isEmpty();
        }
    }

    @Test
    void memberNoLongerWatchedIsNotReported() throws Exception {
        List<String> silent = new CopyOnWriteArrayList<>();
        Pinged gone = new Pinged("gone");
        gone.answering = false;
        try (Liveness liveness = new Liveness((t, why) -> silent.add(t.name()))) {
            liveness.watch(gone);
            liveness.forget(gone);
            Thread.sleep(2 * Liveness.SILENCE_MILLIS);
            assertThat(silent).isEmpty();
        }
    }
}
