package io.jconcurrent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the input is written on the command line and split into records: the separators ({@code :::},
 * {@code ::::} and their linked {@code +} forms, or what {@code --arg-sep} and {@code --arg-file-sep}
 * make them), the record delimiter ({@code -0}, {@code -d}) and the column separator ({@code --colsep}).
 *
 * @param argSep        what stands for {@code :::} (raw)
 * @param argFileSep    what stands for {@code ::::} (raw)
 * @param colsep        the --colsep regular expression, or null
 * @param nullSeparated -0
 * @param delimiter     the -d value, or null
 */
record InputSyntax(String argSep, String argFileSep, String colsep, boolean nullSeparated, String delimiter) {

    /** The input sources after the command: values after each ':::', files after each '::::'. */
    List<InputSource> sources(List<String> spec) throws UsageException {
        List<InputSource> out = new ArrayList<>();
        int i = 0;
        while (i < spec.size()) {
            String sep = spec.get(i);
            boolean files = sep.equals(argFileSep) || sep.equals(argFileSep + "+");
            boolean linked = sep.endsWith("+");
            int j = i + 1;
            while (j < spec.size() && !isSeparator(spec.get(j))) {
                j++;
            }
            List<String> values = spec.subList(i + 1, j);
            if (files) {
                if (values.isEmpty()) {
                    throw new UsageException(RawText.toText(sep) + " needs at least one FILE ('-' for stdin)");
                }
                for (int k = 0; k < values.size(); k++) {
                    out.add(new InputSource.File(values.get(k), linked && k == 0));
                }
            } else {
                out.add(new InputSource.Args(values, linked));
            }
            i = j;
        }
        if (!out.isEmpty() && out.getFirst().linked()) {
            out.set(0, out.getFirst() instanceof InputSource.Args a ? new InputSource.Args(a.values(), false)
                    : new InputSource.File(((InputSource.File) out.getFirst()).name(), false));
        }
        return out;
    }

    Pattern columnSeparator() throws UsageException {
        if (colsep == null) {
            return null;
        }
        try {
            // Input is matched as raw bytes (one char per byte), so the pattern's text is too.
            return Pattern.compile(RawText.fromText(colsep));
        } catch (PatternSyntaxException e) {
            throw new UsageException("invalid value for --colsep: '" + colsep + "': " + e.getDescription());
        }
    }

    byte recordDelimiter() throws UsageException {
        if (nullSeparated && delimiter != null) {
            throw new UsageException("-0 and -d both say where input lines end: give one");
        }
        if (nullSeparated) {
            return 0;
        }
        if (delimiter == null) {
            return '\n';
        }
        String d = switch (delimiter) {
            case "\\n" -> "\n";
            case "\\t" -> "\t";
            case "\\0" -> "\0";
            case "\\r" -> "\r";
            default -> delimiter;
        };
        if (d.startsWith("\\x") && d.length() == 4) {
            try {
                return (byte) Integer.parseInt(d.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new UsageException("invalid value for -d: '" + delimiter + "': \\x needs two hex digits");
            }
        }
        byte[] bytes = RawText.bytes(RawText.fromText(d));
        if (bytes.length != 1) {
            throw new UsageException("invalid value for -d: '" + delimiter + "': jconcurrent splits input on one "
                    + "byte (a character such as , or \\n, \\t, \\0, \\xHH)");
        }
        return bytes[0];
    }

    int indexOfSeparator(List<String> list) {
        for (int i = 0; i < list.size(); i++) {
            if (isSeparator(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    boolean isSeparator(String w) {
        return w.equals(argSep) || w.equals(argFileSep) || w.equals(argSep + "+") || w.equals(argFileSep + "+");
    }
}
