package io.jconcurrent.cli;

/**
 * The value of {@code -j}/{@code --jobs}/{@code -P}, as GNU parallel reads it: {@code N} tasks at once
 * ({@code 0} = no limit), {@code +N} or {@code -N} more or fewer than the CPU cores, {@code N%} of the
 * cores. A relative or percentage count is at least 1.
 */
final class JobCount {

    private JobCount() {
    }

    /**
     * The number of tasks at once.
     *
     * @param cores the number of CPU cores
     * @throws IllegalArgumentException if the text is none of those forms, saying which forms there are
     */
    static int parse(String text, int cores) {
        String t = text.strip();
        try {
            if (t.endsWith("%")) {
                double percent = Double.parseDouble(t.substring(0, t.length() - 1));
                if (percent < 0 || Double.isNaN(percent)) {
                    throw new NumberFormatException();
                }
                return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(cores * percent / 100)));
            }
            if (t.startsWith("+")) {
                return (int) Math.min(Integer.MAX_VALUE, (long) cores + Integer.parseInt(t.substring(1)));
            }
            if (t.startsWith("-")) {
                return Math.max(1, cores - Integer.parseInt(t.substring(1)));
            }
            int n = Integer.parseInt(t);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected N (0 = no limit), +N or -N (cores plus or minus N), or N% "
                    + "(of the " + cores + " cores)");
        }
    }
}
