package io.jconcurrent.cli;

/**
 * A number from {@code --tasks} as it was written ({@code 1e3}, {@code 0.10}, {@code 12345678901234567890}):
 * a command gets this text as its argument and {@code --json} writes it back unchanged, where a parsed
 * {@code double} would have become {@code 1000.0} and {@code 0.1}.
 *
 * @param text the number's JSON text
 */
record JsonNumber(String text) {

    @Override
    public String toString() {
        return text;
    }
}
