package io.jconcurrent.cli;

import java.nio.charset.StandardCharsets;

/**
 * Text as raw bytes: the CLI keeps every arg, command word and input line as a "raw string", a
 * {@code String} whose each char is one byte (0-255, the ISO-8859-1 view), so that bytes that are not
 * UTF-8 reach the program unchanged (GNU parallel passes bytes too). String operations on '.', '/',
 * quotes and spaces work on raw strings as on text, since those are single ASCII bytes either way.
 * Text the user gave as an option value (a Java string) enters through {@link #fromText}.
 */
final class RawText {

    private RawText() {
    }

    /** The raw string of these bytes. */
    static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The raw string of these bytes. */
    static String of(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** The bytes of a raw string. */
    static byte[] bytes(String raw) {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The raw string of a Java string's UTF-8 encoding. */
    static String fromText(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A raw string decoded as UTF-8 for people to read (bytes that are not UTF-8 shown as U+FFFD). */
    static String toText(String raw) {
        return new String(bytes(raw), StandardCharsets.UTF_8);
    }

    /** Whether a raw string is exactly the UTF-8 encoding of some text (so {@link #toText} loses nothing). */
    static boolean isUtf8(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return fromText(toText(raw)).equals(raw);
            }
        }
        return true;
    }
}
