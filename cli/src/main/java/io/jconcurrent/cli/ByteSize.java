package io.jconcurrent.cli;

import java.util.Locale;

/** A byte count as people write it on a command line: {@code 1000}, {@code 64K}, {@code 16M}, {@code 1G}. */
final class ByteSize {

    private ByteSize() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text if it is not a non-negative size
     */
    static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size in bytes (like 1000, 64K, 16M, 1G): '" + text + "'");
        }
    }
}
