package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.Outcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exchanges and results survive the trip, and a part that cannot travel fails alone. */
class CodecTest {

    /** A class only the sending side admits. */
    record Point(int x, int y) implements Serializable {
    }

    private static final UUID BATCH = UUID.randomUUID();
    private final Codec admitting = new Codec(new Wire(ClusterSecret.none(), List.of("io.jconcurrent.cluster.CodecTest$Point")));
    private final Codec plain = new Codec(new Wire(ClusterSecret.none(), List.of()));

    private static TaskMessage task(long seq, Object arg) {
        return keyed(seq, null, arg);
    }

    private static TaskMessage keyed(long seq, Object key, Object arg) {
        return new TaskMessage(BATCH, seq, 2, key, arg, 1500, 300);
    }

    @Test
    void tasksTravelWithTheirArgsAndATaskThatCannotBeReadFailsAlone() {
        List<TaskMessage> refused = new ArrayList<>();
        byte[] sealed = admitting.exchange(BATCH, new long[] {7, 9}, List.of(task(1, "é x"), task(2, null),
                task(3, new ArrayList<>(List.of("a", 4L, List.of("b")))), task(4, new Point(1, 2)),
                task(5, new Object()), task(6, 42)), (m, e) -> refused.add(m));
        assertThat(refused).extracting(TaskMessage::seq).containsExactly(5L);

        List<String> unreadable = new ArrayList<>();
        Exchange x = plain.readExchange(sealed, (seq, attempt, why) -> unreadable.add(seq + "/" + attempt + " "
                + why.getMessage()));
        assertThat(x.batchId()).isEqualTo(BATCH);
        assertThat(x.acks()).containsExactly(7, 9);
        assertThat(x.tasks()).containsExactly(task(1, "é x"), task(2, null), task(3, List.of("a", 4L, List.of("b"))),
                task(6, 42));
        assertThat(unreadable).singleElement().asString().startsWith("4/2 ").contains("CodecTest$Point");
        assertThat(admitting.readExchange(sealed, (s, a, w) -> { }).tasks()).contains(task(4, new Point(1, 2)));
    }

    @Test
    void keysTravelWithTheirTasksAndAKeyThatCannotBeWrittenOrReadFailsItsTaskAlone() {
        List<String> refused = new ArrayList<>();
        byte[] sealed = admitting.exchange(BATCH, new long[0], List.of(keyed(1, 7, "a"), keyed(2, "k2", null),
                keyed(3, new ArrayList<>(List.of("x", 3L)), "c"), keyed(4, new Point(5, 6), "d"),
                keyed(5, new Object(), "e"), keyed(6, 8L, new Point(1, 1)), keyed(7, java.time.Duration.ofSeconds(2), 1)),
                (m, e) -> refused.add(m.seq() + " " + e.getMessage()));
        assertThat(refused).singleElement().asString().startsWith("5 its key cannot travel: ")
                .contains("java.lang.Object");

        List<String> unreadable = new ArrayList<>();
        Exchange x = plain.readExchange(sealed, (seq, attempt, why) -> unreadable.add(seq + " " + why.getMessage()));
        assertThat(x.tasks()).containsExactly(keyed(1, 7, "a"), keyed(2, "k2", null), keyed(3, List.of("x", 3L), "c"),
                keyed(7, java.time.Duration.ofSeconds(2), 1));
        assertThat(unreadable).satisfiesExactly(
                u -> assertThat(u).startsWith("4 the task's key cannot be read here: ").contains("CodecTest$Point"),
                u -> assertThat(u).startsWith("6 the task's arg cannot be read here: ").contains("CodecTest$Point"));
        assertThat(admitting.readExchange(sealed, (s, a, w) -> { }).tasks()).contains(keyed(4, new Point(5, 6), "d"),
                keyed(6, 8L, new Point(1, 1)));
    }

    @Test
    void resultsTravelAndOneThatCannotBeReadFailsAlone() {
        RawCapture.Kept out = new RawCapture.Kept(new byte[] {(byte) 0xff, 0, 'a'}, 12, new byte[] {'z'});
        Ended exited = new Ended(Ended.Kind.EXITED, 3, "", null, null, false, false, 1234, out, RawCapture.Kept.NOTHING);
        Ended threw = new Ended(Ended.Kind.THREW, -1, "note", new RemoteTaskException(new IllegalStateException("x")),
                null, false, true, 5, RawCapture.Kept.NOTHING, RawCapture.Kept.NOTHING);
        Ended point = new Ended(Ended.Kind.RETURNED, -1, "", null, Outcome.ok(new Point(3, 4)), false, false, 6,
                RawCapture.Kept.NOTHING, RawCapture.Kept.NOTHING);
        Ended odd = new Ended(Ended.Kind.RETURNED, -1, "", null, Outcome.ok(new Object()), true, false, 7,
                RawCapture.Kept.NOTHING, RawCapture.Kept.NOTHING);
        byte[] sealed = admitting.results(List.of(new Outbox.Item(1, 1, exited), new Outbox.Item(2, 1, point),
                new Outbox.Item(3, 2, null), new Outbox.Item(4, 1, threw), new Outbox.Item(5, 1, odd)),
                (e, why) -> Ended.notStarted("unwritable: " + why.getMessage(), false));

        List<Codec.Received> got = plain.readResults(sealed);
        assertThat(got).extracting(Codec.Received::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        Ended e1 = got.get(0).end();
        assertThat(e1.kind()).isEqualTo(Ended.Kind.EXITED);
        assertThat(e1.exitCode()).isEqualTo(3);
        assertThat(e1.runNanos()).isEqualTo(1234);
        assertThat(e1.stdout().head()).containsExactly(0xff, 0, 'a');
        assertThat(e1.stdout().dropped()).isEqualTo(12);
        assertThat(e1.stdout().tail()).containsExactly('z');
        assertThat(got.get(1).end()).isNull();
        assertThat(got.get(1).unreadable()).hasMessageContaining("CodecTest$Point");
        assertThat(got.get(2).attempt()).isEqualTo(2);
        assertThat(got.get(2).end()).isNull();
        assertThat(got.get(2).unreadable()).isNull();
        assertThat(got.get(3).end().exception()).isInstanceOf(RemoteTaskException.class).hasMessageContaining("x");
        assertThat(got.get(3).end().cancelled()).isTrue();
        assertThat(got.get(3).end().text()).isEqualTo("note");
        assertThat(got.get(4).end().kind()).isEqualTo(Ended.Kind.NOT_STARTED);
        assertThat(got.get(4).end().text()).startsWith("unwritable: ").contains("java.lang.Object");
        assertThat(admitting.readResults(sealed).get(1).end().outcome().answer()).isEqualTo(new Point(3, 4));
    }

    @Test
    void aMessageSealedWithAnotherSecretIsRefused() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("secret", "");
        try {
            java.nio.file.Files.writeString(f, "0123456789abcdef-other");
            java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Codec other = new Codec(new Wire(ClusterSecret.fromFile(f), List.of()));
            byte[] sealed = other.exchange(BATCH, new long[0], List.of(task(1, "a")), (m, e) -> { });
            assertThatThrownBy(() -> plain.readExchange(sealed, (s, a, w) -> { }))
                    .isInstanceOf(SecurityException.class);
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
