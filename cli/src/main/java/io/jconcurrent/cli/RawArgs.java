package io.jconcurrent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's arguments as the bytes the caller passed. The JVM hands {@code main} strings
 * decoded in the platform's encoding, which replaces bytes that are not valid in it (a file name in
 * Latin-1, say): the bytes themselves are read back from {@code /proc/self/cmdline}, whose last
 * entries are {@code main}'s arguments.
 */
final class RawArgs {

    private RawArgs() {
    }

    /**
     * The raw strings ({@link RawText}) of {@code args}: read from {@code /proc/self/cmdline} when it
     * ends with entries that decode to {@code args}, else each arg's UTF-8 encoding.
     */
    static String[] of(String[] args) {
        String[] fromProc = fromProc(args);
        return fromProc != null ? fromProc : encoded(args);
    }

    /** Each arg's UTF-8 encoding, as raw strings (for callers that have only strings, such as tests). */
    static String[] encoded(String[] args) {
        String[] raw = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            raw[i] = RawText.fromText(args[i]);
        }
        return raw;
    }

    private static String[] fromProc(String[] args) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or no /proc: the decoded strings are all there is
        }
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(RawText.of(cmdline, start, i - start));
                start = i + 1;
            }
        }
        if (entries.size() < args.length) {
            return null;
        }
        List<String> tail = entries.subList(entries.size() - args.length, entries.size());
        String[] raw = tail.toArray(String[]::new);
        for (int i = 0; i < args.length; i++) {
            if (!sameArg(raw[i], args[i])) {
                return null; // the JVM rewrote its arguments: trust what it gave
            }
        }
        return raw;
    }

    /**
     * Whether the raw bytes could be what the JVM decoded to {@code decoded}: equal when ASCII; else
     * (the JVM's decoding depends on the locale, and replaces what it cannot decode) equal as UTF-8.
     */
    private static boolean sameArg(String raw, String decoded) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return !RawText.isUtf8(raw) || RawText.toText(raw).equals(decoded) || decoded.indexOf('?') >= 0
                        || decoded.indexOf('\uFFFD') >= 0;
            }
        }
        return raw.equals(decoded);
    }
}
