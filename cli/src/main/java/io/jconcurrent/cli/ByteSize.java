package io.jconcurrent.cli;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count as GNU parallel reads one on a command line: {@code 1000}, {@code 64K}, {@code 1.5M},
 * {@code 100k}. As in parallel, an upper-case unit ({@code K M G T P}) or one ending in {@code i}
 * ({@code Ki mi ...}) is a power of 1024, and a lower-case one ({@code k m g t p}) a power of 1000,
 * so that {@code --block 10m} cuts the same blocks in both tools.
 */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(?:([kmgtpKMGTP])([iI])?)?");
    private static final String UNITS = "kmgtp";

    private ByteSize() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text if it is not a non-negative size
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(text);
        }
        BigDecimal n = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        String unit = m.group(2);
        if (unit != null) {
            int power = UNITS.indexOf(Character.toLowerCase(unit.charAt(0))) + 1;
            boolean binary = m.group(3) != null || Character.isUpperCase(unit.charAt(0));
            n = n.multiply(BigDecimal.valueOf(binary ? 1024 : 1000).pow(power));
        }
        if (n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        return n.longValue();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a size in bytes (like 1000, 64K, 1.5M, 100k; K M G are powers of "
                + "1024, k m g of 1000, as in parallel): '" + text + "'");
    }
}
