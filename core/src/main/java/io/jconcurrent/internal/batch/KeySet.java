package io.jconcurrent.internal.batch;

import java.util.Objects;

/**
 * The keys a lazy task source has given so far, so that a repeated key can be refused. Two keys are
 * the same here when they print alike ({@code String.valueOf}): {@code 1} and {@code "1"} would be
 * told apart by nothing a user reads (results printed, a log, an output file's name). An
 * open-addressing hash set (linear probing, at most half full): one table slot and one int per key,
 * where a {@code HashSet} also keeps a 32-byte node per key, which for a million keys is the difference
 * between 12 MB and 40 MB live for the whole batch. Not thread-safe.
 */
final class KeySet {

    private static final int MAX_CAPACITY = 1 << 30;

    private Object[] table = new Object[64];
    /** The hash of each slot's key's printed form, so that a probe prints only keys that may match. */
    private int[] hashes = new int[64];
    private int size;

    /**
     * Adds {@code key} unless a key that prints alike is already here.
     *
     * @return null if it was added, else the key already here that prints alike
     * @throws NullPointerException if {@code key} is null
     */
    Object add(Object key) {
        Objects.requireNonNull(key, "key");
        String printed = String.valueOf(key);
        int h = printed.hashCode();
        Object[] t = table;
        int mask = t.length - 1;
        int i = spread(h) & mask;
        for (Object k; (k = t[i]) != null; i = (i + 1) & mask) {
            if (hashes[i] == h && (k == key || printed.equals(String.valueOf(k)))) {
                return k;
            }
        }
        if (size + 1 == t.length) {
            throw new IllegalStateException("too many task keys to check for repeats: " + size);
        }
        t[i] = key;
        hashes[i] = h;
        size++;
        if (size * 2 > t.length && t.length < MAX_CAPACITY) {
            grow();
        }
        return null;
    }

    /** How many keys are here. */
    int size() {
        return size;
    }

    /**
     * As {@code HashMap} spreads a hash code: high bits folded into the low ones, which pick the slot.
     * Keys with consecutive hash codes then sit in consecutive slots, so adding one touches memory next
     * to the last, not a random line of a table of megabytes.
     */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        Object[] old = table;
        int[] oldHashes = hashes;
        Object[] t = new Object[old.length * 2];
        int[] th = new int[t.length];
        int mask = t.length - 1;
        for (int j = 0; j < old.length; j++) {
            if (old[j] != null) {
                int i = spread(oldHashes[j]) & mask;
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = old[j];
                th[i] = oldHashes[j];
            }
        }
        table = t;
        hashes = th;
    }
}
