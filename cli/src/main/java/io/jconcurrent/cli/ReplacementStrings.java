package io.jconcurrent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replacement strings a run recognises and how a command word splits into literal text and
 * replacement strings. GNU parallel's: {@code {}} {@code {.}} {@code {/}} {@code {//}} {@code {/.}}
 * {@code {#}} {@code {%}} (each renamable, as with {@code -I}), and the positional {@code {n}}
 * {@code {n.}} {@code {n/}} {@code {n//}} {@code {n/.}} ({@code n} from 1, or {@code -n} from the end).
 *
 * <p>A word that only looks like one ({@code {0}}, {@code {1#}}, {@code {..}}) is refused rather than
 * passed on as text, and so is a {@code {= perl =}} expression, each with the reason.
 */
final class ReplacementStrings {

    /** The names of the renamable strings, and their defaults. */
    enum Name {
        ARG("{}", "-I"),
        NO_EXTENSION("{.}", "--extensionreplace"),
        BASENAME("{/}", "--basenamereplace"),
        DIRNAME("{//}", "--dirnamereplace"),
        BASENAME_NO_EXTENSION("{/.}", "--basenameextensionreplace"),
        SEQ("{#}", "--seqreplace"),
        SLOT("{%}", "--slotreplace");

        final String standard;
        final String option;

        Name(String standard, String option) {
            this.standard = standard;
            this.option = option;
        }

        Replacement replacement() {
            return switch (this) {
                case ARG -> new Replacement(Replacement.Kind.VALUES, 0, Replacement.Transform.NONE);
                case NO_EXTENSION -> new Replacement(Replacement.Kind.VALUES, 0, Replacement.Transform.NO_EXTENSION);
                case BASENAME -> new Replacement(Replacement.Kind.VALUES, 0, Replacement.Transform.BASENAME);
                case DIRNAME -> new Replacement(Replacement.Kind.VALUES, 0, Replacement.Transform.DIRNAME);
                case BASENAME_NO_EXTENSION ->
                        new Replacement(Replacement.Kind.VALUES, 0, Replacement.Transform.BASENAME_NO_EXTENSION);
                case SEQ -> new Replacement(Replacement.Kind.SEQ, 0, Replacement.Transform.NONE);
                case SLOT -> new Replacement(Replacement.Kind.SLOT, 0, Replacement.Transform.NONE);
            };
        }
    }

    /** A piece of a command word: literal raw text, or a replacement string. */
    sealed interface Segment permits Literal, Replaced {
    }

    /** Literal text (a raw string). */
    record Literal(String text) implements Segment {
    }

    /** A replacement string, as written, and what it stands for. */
    record Replaced(String written, Replacement replacement) implements Segment {
    }

    private static final Pattern POSITIONAL = Pattern.compile("\\{(-?[0-9]+)(\\.|/\\.|//|/)?\\}");
    private static final Pattern LOOK_ALIKE = Pattern.compile("\\{(-?[0-9]+)?[./#%+]*\\}");
    private static final String STANDARD_LIST = "{} {.} {/} {//} {/.} {#} {%} {n} {n.} {n/} {n//} {n/.}";

    /** Renamed strings: written form to replacement, longest first. */
    private final List<Map.Entry<String, Replacement>> tokens;

    /** Parallel's standard strings. */
    ReplacementStrings() {
        this(Map.of());
    }

    /**
     * @param renamed strings given other names (raw strings), as with {@code -I}
     * @throws UsageException if a new name is empty
     */
    ReplacementStrings(Map<Name, String> renamed) {
        Map<String, Replacement> byText = new LinkedHashMap<>();
        for (Name n : Name.values()) {
            String text = renamed.getOrDefault(n, n.standard);
            if (text.isEmpty()) {
                throw new IllegalArgumentException(n.option + " needs a non-empty string");
            }
            byText.put(text, n.replacement());
        }
        // Longest first, so that {//} is found before {/}; an insertion sort (no comparator lambda at start-up).
        List<Map.Entry<String, Replacement>> list = new ArrayList<>();
        for (Map.Entry<String, Replacement> e : byText.entrySet()) {
            int i = 0;
            while (i < list.size() && list.get(i).getKey().length() >= e.getKey().length()) {
                i++;
            }
            list.add(i, e);
        }
        this.tokens = List.copyOf(list);
    }

    /** How {@code {}} is written in this run (its -I name, if renamed). */
    String standardArg() {
        for (Map.Entry<String, Replacement> t : tokens) {
            Replacement r = t.getValue();
            if (r.kind() == Replacement.Kind.VALUES && r.position() == 0 && r.transform() == Replacement.Transform.NONE) {
                return t.getKey();
            }
        }
        return Name.ARG.standard;
    }

    /**
     * Splits a word into literal text and replacement strings.
     *
     * @throws UsageException for a {@code {= perl =}} expression or a word that looks like a
     *                        replacement string but is not one
     */
    List<Segment> parse(String word) throws UsageException {
        List<Segment> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        outer:
        while (i < word.length()) {
            for (Map.Entry<String, Replacement> t : tokens) {
                if (word.startsWith(t.getKey(), i)) {
                    flush(literal, out);
                    out.add(new Replaced(t.getKey(), t.getValue()));
                    i += t.getKey().length();
                    continue outer;
                }
            }
            if (word.charAt(i) == '{') {
                int perl = perlExpression(word, i);
                if (perl >= 0) {
                    throw new UsageException("'" + RawText.toText(word.substring(i, perl)) + "': {= perl =} "
                            + "expressions are not supported: jconcurrent has no Perl inside it. Compute the value "
                            + "in a shell command instead (for example: jconcurrent 'echo \"$(basename {} .gz)\"' ::: "
                            + "a.gz), or prepare the input before it reaches jconcurrent");
                }
                Matcher m = POSITIONAL.matcher(word).region(i, word.length());
                if (m.lookingAt() && !isRenamedStandard(m.group())) {
                    int position = Integer.parseInt(m.group(1));
                    if (position == 0) {
                        throw new UsageException("'" + m.group() + "': positions start at 1 ({1} is the first input "
                                + "source, or the first column with --colsep)");
                    }
                    flush(literal, out);
                    Replacement.Transform transform =
                            Replacement.Transform.ofSuffix(m.group(2) == null ? "" : m.group(2));
                    out.add(new Replaced(m.group(), new Replacement(Replacement.Kind.VALUES, position, transform)));
                    i = m.end();
                    continue;
                }
                Matcher like = LOOK_ALIKE.matcher(word).region(i, word.length());
                if (like.lookingAt() && !isRenamedStandard(like.group())) {
                    throw new UsageException(lookAlike(like.group()));
                }
            }
            literal.append(word.charAt(i));
            i++;
        }
        flush(literal, out);
        return out;
    }

    /** Whether {@code text} is a standard string that was renamed (and so is literal text, as in parallel). */
    private boolean isRenamedStandard(String text) {
        for (Name n : Name.values()) {
            if (n.standard.equals(text)) {
                for (Map.Entry<String, Replacement> t : tokens) {
                    if (t.getKey().equals(text)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** The end of a {@code {=...=}} or {@code {n=...=}} expression starting at {@code i}, or -1. */
    private static int perlExpression(String word, int i) {
        int j = i + 1;
        if (j < word.length() && word.charAt(j) == '-') {
            j++;
        }
        while (j < word.length() && Character.isDigit(word.charAt(j))) {
            j++;
        }
        if (j >= word.length() || word.charAt(j) != '=') {
            return -1;
        }
        int end = word.indexOf("=}", j + 1);
        return end < 0 ? -1 : end + 2;
    }

    private static String lookAlike(String text) {
        if (text.contains("+") || text.contains("..") || text.contains("##")) {
            return "'" + text + "' is one of GNU parallel's --plus replacement strings, which jconcurrent does not "
                    + "support; the supported ones are " + STANDARD_LIST;
        }
        return "'" + text + "' looks like a replacement string but is not one (they are " + STANDARD_LIST
                + "); jconcurrent will not pass it on as text";
    }

    private static void flush(StringBuilder literal, List<Segment> out) {
        if (!literal.isEmpty()) {
            out.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }
}
