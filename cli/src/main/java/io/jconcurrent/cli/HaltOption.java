package io.jconcurrent.cli;

import io.jconcurrent.Halt;
import java.util.Locale;

/**
 * {@code --halt WHEN,WHY=N|N%} as GNU parallel writes it, read into the library's {@link Halt}: {@code now}
 * stops running tasks and starts no more; {@code soon} starts no more and lets running ones finish.
 * {@code WHY} counts failed, succeeded or done tasks, as a number or as a percentage of the tasks so far.
 * {@code never} (the default) runs everything; {@code 1} is {@code soon,fail=1}, {@code 2} is
 * {@code now,fail=1} (the library's fail-fast).
 */
final class HaltOption {

    private HaltOption() {
    }

    /**
     * Parses parallel's syntax.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    static Halt parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "never", "0":
                return Halt.never();
            case "1":
                return Halt.soon().afterFailures(1);
            case "2":
                return Halt.failFast();
            default:
                break;
        }
        int comma = s.indexOf(',');
        int eq = s.indexOf('=');
        if (comma < 0 || eq < comma) {
            throw new IllegalArgumentException("expected never, now,fail=N, soon,fail=N% (or success=, done=), got '"
                    + text + "'");
        }
        Halt.Builder when = switch (s.substring(0, comma)) {
            case "now" -> Halt.now();
            case "soon" -> Halt.soon();
            default -> throw new IllegalArgumentException("halt must start with now or soon, got '" + text + "'");
        };
        Halt.Counted why = switch (s.substring(comma + 1, eq)) {
            case "fail" -> Halt.Counted.FAILED;
            case "success" -> Halt.Counted.SUCCEEDED;
            case "done" -> Halt.Counted.DONE;
            default -> throw new IllegalArgumentException("halt condition must be fail=, success= or done=, got '"
                    + text + "'");
        };
        String value = s.substring(eq + 1);
        try {
            if (value.endsWith("%")) {
                double p = Double.parseDouble(value.substring(0, value.length() - 1));
                if (!(p > 0 && p <= 100)) {
                    throw new IllegalArgumentException("halt percentage must be in (0, 100], got '" + text + "'");
                }
                return switch (why) {
                    case FAILED -> when.afterFailurePercent(p);
                    case SUCCEEDED -> when.afterSuccessPercent(p);
                    case DONE -> when.afterDonePercent(p);
                };
            }
            long n = Long.parseLong(value);
            if (n < 1) {
                throw new IllegalArgumentException("halt count must be at least 1, got '" + text + "'");
            }
            return switch (why) {
                case FAILED -> when.afterFailures(n);
                case SUCCEEDED -> when.afterSuccesses(n);
                case DONE -> when.afterDone(n);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("halt needs a number or a percentage after '=', got '" + text + "'");
        }
    }

    /** The halt as parallel writes it, for messages: {@code now,fail=3} or {@code soon,done=25.0%}. */
    static String describe(Halt halt) {
        String why = switch (halt.counted()) {
            case FAILED -> "fail";
            case SUCCEEDED -> "success";
            case DONE -> "done";
        };
        String n = halt.percent() > 0 ? halt.percent() + "%" : String.valueOf(halt.count());
        return halt.when().name().toLowerCase(Locale.ROOT) + "," + why + "=" + n;
    }
}
