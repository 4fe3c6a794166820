package io.jconcurrent.internal;

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
    /** 32 - log2(table.length): the hash's top bits pick the slot. */
    private int shift = 32 - 6;
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
        int i = slot(key, shift);
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

    /** Fibonacci hashing: spreads hash codes that differ only in their low or high bits. */
    private static int slot(Object key, int shift) {
        return (key.hashCode() * 0x9E3779B9) >>> shift;
    }

    private void grow() {
        Object[] old = table;
        Object[] t = new Object[old.length * 2];
        int s = shift - 1;
        int mask = t.length - 1;
        for (Object k : old) {
            if (k != null) {
                int i = slot(k, s);
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = k;
            }
        }
        table = t;
        shift = s;
    }
}
