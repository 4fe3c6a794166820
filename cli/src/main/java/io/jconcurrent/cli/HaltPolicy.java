package io.jconcurrent.cli;

import java.util.Locale;

/**
 * When to stop a run early, as GNU parallel's {@code --halt WHEN,WHY=N|N%}: {@code now} stops running
 * tasks and starts no more; {@code soon} starts no more and lets running ones finish. {@code WHY}
 * counts failed, succeeded or done tasks, as a number or as a percentage of the tasks read so far.
 * {@code never} (the default) runs everything; {@code 1} is {@code soon,fail=1}, {@code 2} is
 * {@code now,fail=1}.
 *
 * @param when    never, now or soon
 * @param why     what is counted
 * @param count   the count that triggers the halt (when not a percentage)
 * @param percent the percentage that triggers it, or a negative number for a plain count
 */
record HaltPolicy(When when, Why why, long count, double percent) {

    /** Whether and how a halt stops running tasks. */
    enum When { NEVER, NOW, SOON }

    /** Which finished tasks count toward the halt. */
    enum Why { FAIL, SUCCESS, DONE }

    static final HaltPolicy NEVER = new HaltPolicy(When.NEVER, Why.FAIL, 0, -1);

    /**
     * Parses parallel's syntax.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    static HaltPolicy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "never", "0":
                return NEVER;
            case "1":
                return new HaltPolicy(When.SOON, Why.FAIL, 1, -1);
            case "2":
                return new HaltPolicy(When.NOW, Why.FAIL, 1, -1);
            default:
                break;
        }
        int comma = s.indexOf(',');
        int eq = s.indexOf('=');
        if (comma < 0 || eq < comma) {
            throw new IllegalArgumentException("expected never, now,fail=N, soon,fail=N% (or success=, done=), got '"
                    + text + "'");
        }
        When when = switch (s.substring(0, comma)) {
            case "now" -> When.NOW;
            case "soon" -> When.SOON;
            default -> throw new IllegalArgumentException("halt must start with now or soon, got '" + text + "'");
        };
        Why why = switch (s.substring(comma + 1, eq)) {
            case "fail" -> Why.FAIL;
            case "success" -> Why.SUCCESS;
            case "done" -> Why.DONE;
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
                return new HaltPolicy(when, why, 0, p);
            }
            long n = Long.parseLong(value);
            if (n < 1) {
                throw new IllegalArgumentException("halt count must be at least 1, got '" + text + "'");
            }
            return new HaltPolicy(when, why, n, -1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("halt needs a number or a percentage after '=', got '" + text + "'");
        }
    }

    /** Whether the run should halt, given the counts of finished tasks and the tasks known so far. */
    boolean reached(long failed, long succeeded, long known) {
        if (when == When.NEVER) {
            return false;
        }
        long counted = switch (why) {
            case FAIL -> failed;
            case SUCCESS -> succeeded;
            case DONE -> failed + succeeded;
        };
        if (percent < 0) {
            return counted >= count;
        }
        return known > 0 && counted * 100.0 >= percent * known;
    }
}
