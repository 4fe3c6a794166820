package io.jconcurrent.cli;

import java.util.List;

/**
 * Quoting for POSIX shells (sh, dash, bash, ksh, zsh) as GNU parallel quotes: a word made only of
 * letters, digits and {@code _ . + / -} stays as it is; any other word is put in single quotes, each
 * single quote in it written {@code '"'"'}. Inside single quotes a POSIX shell takes every byte
 * literally (newlines, {@code $}, backquotes, bytes that are not UTF-8), so a quoted word always
 * reaches the program as exactly one argument.
 */
final class ShellQuote {

    private ShellQuote() {
    }

    /** One word, quoted when it needs to be. */
    static String quote(String word) {
        if (!word.isEmpty() && isPlain(word)) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Words quoted and joined with spaces: a command line a shell splits back into these words. */
    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    private static boolean isPlain(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '+' || c == '/' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
