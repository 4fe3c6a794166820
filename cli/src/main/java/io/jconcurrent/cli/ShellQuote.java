package io.jconcurrent.cli;

import io.jconcurrent.ByteArg;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A command line as GNU parallel writes it in its joblog and messages: each word quoted for a POSIX
 * shell as parallel quotes it (left bare when it has only {@code -_.+/}, letters and digits; else in
 * single quotes, a {@code '} written as {@code '"'"'}; an empty word as {@code ''}), words separated
 * by spaces, so that pasting it into {@code sh} runs the same argv and it is clear where each word
 * ends. Works on bytes, so a {@link ByteArg} is written as it is.
 */
final class ShellQuote {

    private ShellQuote() {
    }

    /** The quoted command line as bytes: Strings in UTF-8, {@link ByteArg}s as they are. */
    static byte[] bytes(List<?> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                out.write(' ');
            }
            quote(wordBytes(words.get(i)), out);
        }
        return out.toByteArray();
    }

    /** The quoted command line as text (a ByteArg that is not UTF-8 shows U+FFFD). */
    static String text(List<?> words) {
        return new String(bytes(words), StandardCharsets.UTF_8);
    }

    private static byte[] wordBytes(Object word) {
        return word instanceof ByteArg b ? b.toByteArray() : String.valueOf(word).getBytes(StandardCharsets.UTF_8);
    }

    private static void quote(byte[] w, ByteArrayOutputStream out) {
        if (w.length == 0) {
            out.write('\'');
            out.write('\'');
            return;
        }
        boolean bare = true;
        for (byte b : w) {
            bare &= isBare(b);
        }
        if (bare) {
            out.write(w, 0, w.length);
            return;
        }
        // '...' with each ' as '"'"', then the '' that a leading or trailing ' leaves dropped (as parallel)
        ByteArrayOutputStream q = new ByteArrayOutputStream(w.length + 8);
        q.write('\'');
        for (byte b : w) {
            if (b == '\'') {
                q.writeBytes(new byte[] {'\'', '"', '\'', '"', '\''});
            } else {
                q.write(b);
            }
        }
        q.write('\'');
        byte[] s = q.toByteArray();
        int from = s.length >= 2 && s[0] == '\'' && s[1] == '\'' ? 2 : 0;
        int to = s.length - from >= 2 && s[s.length - 1] == '\'' && s[s.length - 2] == '\'' ? s.length - 2 : s.length;
        out.write(s, from, to - from);
    }

    private static boolean isBare(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
                || b == '.' || b == '+' || b == '/';
    }
}
