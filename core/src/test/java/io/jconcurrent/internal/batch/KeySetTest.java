package io.jconcurrent.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The set of keys a lazy source has given, which finds repeats. */
class KeySetTest {

    @Test
    void aRepeatedKeyIsFoundByEqualityNotIdentity() {
        KeySet keys = new KeySet();
        assertThat(keys.add(new String("a"))).isTrue();
        assertThat(keys.add(1000)).isTrue();
        assertThat(keys.add(new String("a"))).isFalse();
        assertThat(keys.add(Integer.valueOf(1000))).isFalse();
        assertThat(keys.add(1000L)).as("a Long is not an equal Integer").isTrue();
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void aNullKeyIsRejected() {
        assertThatThrownBy(() -> new KeySet().add(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void growingKeepsEveryKeyAndStillFindsRepeats() {
        KeySet keys = new KeySet();
        for (int i = 0; i < 100_000; i++) {
            assertThat(keys.add("k" + i)).isTrue();
        }
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(keys.add("k" + i)).as("k%d again", i).isFalse();
        }
        assertThat(keys.size()).isEqualTo(100_000);
    }

    @Test
    void keysWhoseHashCodesCollideAreAllKeptApart() {
        KeySet keys = new KeySet();
        for (int i = 0; i < 500; i++) {
            assertThat(keys.add(new SameHash(i))).isTrue();
        }
        for (int i = 0; i < 500; i++) {
            assertThat(keys.add(new SameHash(i))).isFalse();
        }
        assertThat(keys.size()).isEqualTo(500);
    }

    @Test
    void keysWhoseHashCodesDifferOnlyInHighBitsAreKeptApart() {
        KeySet keys = new KeySet();
        for (long i = 0; i < 50_000; i++) {
            assertThat(keys.add((double) i)).isTrue(); // a Double's low hash bits are mostly zero
        }
        assertThat(keys.add(49_999.0)).isFalse();
    }

    private record SameHash(int id) {
        @Override
        public int hashCode() {
            return 42;
        }
    }
}
