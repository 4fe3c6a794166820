package io.jconcurrent.internal.batch;

import java.util.Objects;

/**
 * The keys a lazy task source has given so far, so that a repeated key can be refused. Two keys are
 * the same here when they print alike ({@code String.valueOf}): {@code 1} and {@code "1"} would be
 * told apart by nothing a user reads (results printed, a log, an output file's name). An
 * open-addressing hash set (linear probing, at most half full): one table slot per key, where a
 * {@code HashSet} also keeps a 32-byte node per key, which for a million keys is the difference
 * between 8 MB and 40 MB live for the whole batch. Not thread-safe.
 */
final class KeySet {

    private static final int MAX_CAPACITY = 1 << 30;

    private Object[] table = new Object[64];
    private int size;

    /**
     * Adds {@code key} unless a key that prints alike is already here.
     *
     * @return null if it was added, else the key already here that prints alike
     * @throws NullPointerException if {@code key} is null
     */
    Object add(Object key) {
        Objects.requireNonNull(key, "key");
        int h = printedHash(key);
        Object[] t = table;
        int mask = t.length - 1;
        int i = spread(h) & mask;
        for (Object k; (k = t[i]) != null; i = (i + 1) & mask) {
            if (printAlike(key, k)) {
                return k;
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
        return null;
    }

    /**
     * A hash of the key's printed form ({@code String.valueOf}) that keys printing alike share, made
     * without printing the usual keys: a whole number's is {@link Long#hashCode(long)} of its value (so
     * numbered tasks sit in consecutive slots, as with {@code Integer.hashCode}), and so is that of a
     * String that spells a whole number as Java prints one; any other String's is its own (cached)
     * hash. A million numbered tasks therefore cost no million strings.
     */
    static int printedHash(Object key) {
        if (key instanceof Integer i) {
            return Long.hashCode(i); // the usual key first: a fresh JVM runs this interpreted at first
        }
        if (isWhole(key)) {
            return Long.hashCode(((Number) key).longValue());
        }
        String s = key instanceof String str ? str : String.valueOf(key);
        return spellsLong(s) ? Long.hashCode(Long.parseLong(s)) : s.hashCode();
    }

    /** Whether {@code s} is how {@link Long#toString(long)} prints some long: no sign but '-', no leading zero. */
    private static boolean spellsLong(String s) {
        int n = s.length();
        int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == start || n - start > 19 || s.charAt(start) == '0' && (n - start > 1 || start == 1)) {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (n - start < 19) {
            return true;
        }
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false; // 19 digits beyond the range of long
        }
    }

    /**
     * Whether two keys print alike ({@code String.valueOf}); prints neither when both are Strings or
     * whole numbers (what probing mostly compares).
     */
    static boolean printAlike(Object a, Object b) {
        if (a == b || a.equals(b)) {
            return true;
        }
        if (isWhole(a) && isWhole(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    private static boolean isWhole(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte;
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
        Object[] t = new Object[old.length * 2];
        int mask = t.length - 1;
        for (Object k : old) {
            if (k != null) {
                int i = spread(printedHash(k)) & mask;
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = k;
            }
        }
        table = t;
    }
}
