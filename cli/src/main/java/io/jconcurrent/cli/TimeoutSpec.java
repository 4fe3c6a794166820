package io.jconcurrent.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@code --timeout} value: a fixed time ({@code 30}, {@code 1.5}, {@code 2m}, {@code 1h}, {@code 1d};
 * seconds by default), or, as GNU parallel's {@code N%}, a percentage of the median run time of the
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
            long unitSeconds = 1;
            char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            switch (last) {
                case 's' -> unitSeconds = 1;
                case 'm' -> unitSeconds = 60;
                case 'h' -> unitSeconds = 3600;
                case 'd' -> unitSeconds = 86400;
                default -> last = ' ';
            }
            String number = last == ' ' ? s : s.substring(0, s.length() - 1);
            BigDecimal seconds = new BigDecimal(number).multiply(BigDecimal.valueOf(unitSeconds));
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("timeout must not be negative, got '" + text + "'");
            }
            long nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            return new TimeoutSpec(Duration.ofNanos(nanos), -1);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("timeout must be seconds (like 30 or 0.5, or 2m, 1h), or N%, got '"
                    + text + "'");
        }
    }

    boolean isPercent() {
        return percent >= 0;
    }
}
