package io.jconcurrent.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@code --timeout} value: a fixed time ({@code 30}, {@code 1.5}, {@code 2m}, {@code 1h}, {@code 1d},
 * or parts added up as parallel does, {@code 1h30m}; seconds by default), or, as GNU parallel's {@code N%}, a percentage of the median run time of the
 * tasks that have succeeded so far (no limit until one has).
 *
 * @param fixed   the fixed limit; zero for none
 * @param percent the percentage of the median, or a negative number for a fixed limit
 */
record TimeoutSpec(Duration fixed, double percent) {

    static final TimeoutSpec NONE = new TimeoutSpec(Duration.ZERO, -1);

    /**
     * Parses a timeout.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    static TimeoutSpec parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("%")) {
                double p = Double.parseDouble(s.substring(0, s.length() - 1));
                if (!(p > 0) || Double.isInfinite(p)) {
                    throw new IllegalArgumentException("timeout percentage must be positive, got '" + text + "'");
                }
                return new TimeoutSpec(Duration.ZERO, p);
            }
            // As parallel: a number of seconds, or numbers each with a unit, added up ("1h30m", "1m30s").
            BigDecimal seconds = BigDecimal.ZERO;
            int at = 0;
            while (at < s.length()) {
                int end = at;
                while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.'
                        || (end == 0 && (s.charAt(end) == '-' || s.charAt(end) == '+')))) {
                    end++;
                }
                BigDecimal number = new BigDecimal(s.substring(at, end)); // "" or "." or "1.2.3": refused
                long unitSeconds = 1;
                if (end < s.length()) {
                    unitSeconds = switch (s.charAt(end)) {
                        case 's' -> 1;
                        case 'm' -> 60;
                        case 'h' -> 3600;
                        case 'd' -> 86400;
                        default -> throw new NumberFormatException(text);
                    };
                    end++;
                }
                seconds = seconds.add(number.multiply(BigDecimal.valueOf(unitSeconds)));
                at = end;
            }
            if (s.isEmpty()) {
                throw new NumberFormatException(text);
            }
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("a time must not be negative, got '" + text + "'");
            }
            long nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            return new TimeoutSpec(Duration.ofNanos(nanos), -1);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("a time must be seconds (like 30 or 0.5), or numbers with the units"
                    + " s, m, h, d (like 2m or 1h30m), or N%, got '" + text + "'");
        }
    }

    boolean isPercent() {
        return percent >= 0;
    }
}
