package io.jconcurrent.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The set of keys a lazy source has given, which finds repeats. */
class KeySetTest {

    @Test
    void aRepeatedKeyIsFoundByEqualityNotIdentity() {
        KeySet keys = new KeySet();
        assertThat(keys.add(new String("a"))).isNull();
        assertThat(keys.add(1000)).isNull();
        assertThat(keys.add(new String("a"))).isEqualTo("a");
        assertThat(keys.add(Integer.valueOf(1000))).isEqualTo(1000);
        assertThat(keys.size()).isEqualTo(2);
    }

    @Test
    void item7_keysThatPrintAlikeAreRepeatsAndTheFirstIsReturned() {
        KeySet keys = new KeySet();
        assertThat(keys.add(1)).isNull();
        assertThat(keys.add("1")).isEqualTo(1);
        assertThat(keys.add(1L)).isEqualTo(1);
        assertThat(keys.add("a/b")).isNull();
        assertThat(keys.add("a_b")).as("names that only a file name would confuse").isNull();
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void keysThatPrintAlikeShareAHash() {
        for (long v : new long[] {0, 7, -7, 10, 99, 12345, -100000, Integer.MAX_VALUE, Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(KeySet.printedHash(Long.toString(v))).as("%d", v).isEqualTo(KeySet.printedHash(v));
            assertThat(KeySet.printedHash(java.math.BigInteger.valueOf(v))).isEqualTo(KeySet.printedHash(v));
        }
        assertThat(KeySet.printedHash("42")).isEqualTo(KeySet.printedHash(42)).isEqualTo(KeySet.printedHash((short) 42));
        assertThat(KeySet.printedHash("007")).isEqualTo("007".hashCode());
        assertThat(KeySet.printedHash("-0")).isEqualTo("-0".hashCode());
        assertThat(KeySet.printedHash("99999999999999999999")).isEqualTo("99999999999999999999".hashCode());
        assertThat(KeySet.printedHash(2.5)).isEqualTo("2.5".hashCode());
    }

    @Test
    void wholeNumbersAndTheStringsThatSpellThemAreRepeatsOfEachOther() {
        KeySet keys = new KeySet();
        for (int i = 0; i < 10_000; i++) {
            assertThat(keys.add(i)).isNull();
        }
        for (int i = 0; i < 10_000; i += 13) {
            assertThat(keys.add(Integer.toString(i))).isEqualTo(i);
            assertThat(keys.add((long) i)).isEqualTo(i);
        }
        assertThat(keys.add("0007")).isNull();
    }

    @Test
    void aNullKeyIsRejected() {
        assertThatThrownBy(() -> new KeySet().add(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void growingKeepsEveryKeyAndStillFindsRepeats() {
        KeySet keys = new KeySet();
        for (int i = 0; i < 100_000; i++) {
            assertThat(keys.add("k" + i)).isNull();
        }
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(keys.add("k" + i)).as("k%d again", i).isNotNull();
        }
        assertThat(keys.size()).isEqualTo(100_000);
    }

    @Test
    void keysWhoseHashCodesCollideAreAllKeptApart() {
        KeySet keys = new KeySet();
        for (int i = 0; i < 500; i++) {
            assertThat(keys.add(new SameHash(i))).isNull();
        }
        for (int i = 0; i < 500; i++) {
            assertThat(keys.add(new SameHash(i))).isNotNull();
        }
        assertThat(keys.size()).isEqualTo(500);
    }

    @Test
    void keysWhoseHashCodesDifferOnlyInHighBitsAreKeptApart() {
        KeySet keys = new KeySet();
        for (long i = 0; i < 50_000; i++) {
            assertThat(keys.add((double) i)).isNull(); // a Double's low hash bits are mostly zero
        }
        assertThat(keys.add(49_999.0)).isNotNull();
    }

    private record SameHash(int id) {
        @Override
        public int hashCode() {
            return 42;
        }
    }
}
