package io.jconcurrent.cli;

import io.jconcurrent.ByteArg;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Quoting for POSIX shells (sh, dash, bash, ksh, zsh) as GNU parallel quotes: a word made only of
 * letters, digits and {@code _ . + / -} stays as it is; any other word is put in single quotes, each
 * single quote in it written {@code '"'"'} (and the empty {@code ''} that a leading or trailing quote
 * leaves is dropped, as parallel drops it); an empty word is {@code ''}. Inside single quotes a POSIX
 * shell takes every byte literally (newlines, {@code $}, backquotes, bytes that are not UTF-8), so a
 * quoted word always reaches the program as exactly one argument.
 *
 * <p>Works on raw strings ({@link RawText}, one char per byte), so bytes that are not UTF-8 are kept.
 */
final class ShellQuote {

    private ShellQuote() {
    }

    /** One word (raw), quoted when it needs to be. */
    static String quote(String word) {
        if (word.isEmpty()) {
            return "''";
        }
        if (isPlain(word)) {
            return word;
        }
        String q = "'" + word.replace("'", "'\"'\"'") + "'";
        int from = q.startsWith("''") && q.length() > 2 ? 2 : 0;
        int to = q.length() - from > 2 && q.endsWith("''") ? q.length() - 2 : q.length();
        return q.substring(from, to);
    }

    /** Words (raw) quoted and joined with spaces: a command line a shell splits back into these words. */
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

    /** A command line as bytes, from words that are Strings (sent as UTF-8) or {@link ByteArg}s. */
    static byte[] bytes(List<?> words) {
        StringBuilder sb = new StringBuilder();
        for (Object w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(w instanceof ByteArg b ? RawText.of(b.toByteArray()) : RawText.fromText(String.valueOf(w))));
        }
        return RawText.bytes(sb.toString());
    }

    /** A command line as text (bytes that are not UTF-8 show as U+FFFD). */
    static String text(List<?> words) {
        return new String(bytes(words), StandardCharsets.UTF_8);
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
