package io.jconcurrent.internal.batch;

import java.util.Objects;

/**
 * The keys a lazy task source has given so far, so that a repeated key can be refused. An
 * open-addressing hash set (linear probing, at most half full): one table slot per key, where a
 * {@code HashSet} also keeps a 32-byte node per key, which for a million keys is the difference between
 * 8 MB and 40 MB live for the whole batch. Keys are compared with {@code equals}. Not thread-safe.
 */
final class KeySet {

    private static final int MAX_CAPACITY = 1 << 30;

    private Object[] table = new Object[64];
    private int size;

    /**
     * Adds {@code key} unless an equal key is already here.
     *
     * @return true if it was added, false if it was a repeat
     * @throws NullPointerException if {@code key} is null
     */
    boolean add(Object key) {
        Objects.requireNonNull(key, "key");
        Object[] t = table;
        int mask = t.length - 1;
        int i = spread(key.hashCode()) & mask;
        for (Object k; (k = t[i]) != null; i = (i + 1) & mask) {
            if (k == key || key.equals(k)) {
                return false;
            }
        }
        if (size + 1 == t.length) {
            throw new IllegalStateException("too many task keys to check for repeats: " + size);
        }
        t[i] = key;
        size++;
        if (size * 2 > t.length && t.length < MAX_CAPACITY) {
            grow();
        }
        return true;
    }

    /** How many keys are here. */
    int size() {
        return size;
    }

    /**
     * As {@code HashMap} spreads a hash code: high bits folded into the low ones, which pick the slot.
     * Keys with consecutive hash codes (numbered tasks) then sit in consecutive slots, so adding one
     * touches memory next to the last, not a random line of a table of megabytes.
     */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        Object[] old = table;
        Object[] t = new Object[old.length * 2];
        int mask = t.length - 1;
        for (Object k : old) {
            if (k != null) {
                int i = spread(k.hashCode()) & mask;
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = k;
            }
        }
        table = t;
    }
}
