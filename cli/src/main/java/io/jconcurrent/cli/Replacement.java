package io.jconcurrent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One replacement string of a command ({@code {}}, {@code {.}}, {@code {2/}}, {@code {#}}, ...) and
 * what it stands for in a job, as in GNU parallel.
 *
 * @param kind      what it is replaced by
 * @param position  for {@link Kind#VALUES}: 0 for every value of the job, n for the n-th, -n for the
 *                  n-th from the end
 * @param transform what is done to each value
 */
record Replacement(Kind kind, int position, Transform transform) {

    /** What a replacement string is replaced by. */
    enum Kind {
        /** The job's values (all of them, or one by position). */
        VALUES,
        /** The job's sequence number, 1 for the first ({@code {#}}). */
        SEQ,
        /** The job slot it runs in, 1 to the number of jobs ({@code {%}}). */
        SLOT
    }

    /** What is done to each value, with GNU parallel's exact rules (for paths that end in / too). */
    enum Transform {
        /** The value as it is: {@code {}}. */
        NONE,
        /** Without its extension, the last {@code .xyz} after the last {@code /}: {@code {.}}. */
        NO_EXTENSION,
        /** Without everything up to the last {@code /}: {@code {/}}. */
        BASENAME,
        /** The directory, as Perl's {@code dirname} ({@code .} if none): {@code {//}}. */
        DIRNAME,
        /** The basename without its extension: {@code {/.}}. */
        BASENAME_NO_EXTENSION;

        String apply(String v) {
            return switch (this) {
                case NONE -> v;
                case NO_EXTENSION -> noExtension(v);
                case BASENAME -> basename(v);
                case DIRNAME -> dirname(v);
                case BASENAME_NO_EXTENSION -> noExtension(basename(v));
            };
        }

        /** The suffix written after a position number for this transform: {@code {2/.}}. */
        String suffix() {
            return switch (this) {
                case NONE -> "";
                case NO_EXTENSION -> ".";
                case BASENAME -> "/";
                case DIRNAME -> "//";
                case BASENAME_NO_EXTENSION -> "/.";
            };
        }

        static Transform ofSuffix(String suffix) {
            for (Transform t : values()) {
                if (t.suffix().equals(suffix)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The values this replacement stands for in a job (several for {@code {}} of a multi-value job). */
    List<String> values(JobArgs job) {
        return switch (kind) {
            case SEQ -> List.of(Long.toString(job.seq()));
            case SLOT -> List.of(Integer.toString(job.slot()));
            case VALUES -> {
                if (position == 0) {
                    List<String> values = job.values();
                    List<String> out = new ArrayList<>(values.size());
                    for (String v : values) {
                        out.add(transform.apply(v));
                    }
                    yield out;
                }
                List<String> all = job.positions();
                int index = position > 0 ? position - 1 : all.size() + position;
                // A position past the job's values (a short last group, a missing column) is empty, as in parallel.
                yield List.of(index >= 0 && index < all.size() ? transform.apply(all.get(index)) : "");
            }
        };
    }

    /** Whether this is a position past the job's values ({@code {2}} in a short last group): empty, unquoted. */
    boolean missing(JobArgs job) {
        if (kind != Kind.VALUES || position == 0) {
            return false;
        }
        int size = job.positions().size();
        int index = position > 0 ? position - 1 : size + position;
        return index < 0 || index >= size;
    }

    /** Whether this stands for values of the job's input (not its number or slot). */
    boolean takesInput() {
        return kind == Kind.VALUES;
    }

    /** Whether this stands for the current record's values ({@code {}} and its forms, not {@code {n}}). */
    boolean perRecord() {
        return kind == Kind.VALUES && position == 0;
    }

    static String noExtension(String v) {
        int dot = v.lastIndexOf('.');
        if (dot < 0 || v.indexOf('/', dot) >= 0) {
            return v;
        }
        return v.substring(0, dot);
    }

    static String basename(String v) {
        return v.substring(v.lastIndexOf('/') + 1);
    }

    /** Perl's File::Basename::dirname on Unix, which parallel uses. */
    static String dirname(String v) {
        String[] parsed = fileparse(v);
        String dir = stripTrailingSlashes(parsed[1]);
        if (parsed[0].isEmpty()) {
            dir = stripTrailingSlashes(fileparse(dir)[1]);
        }
        return dir;
    }

    /** {basename, directory with its trailing '/'} with "./" when there is no '/'. */
    private static String[] fileparse(String v) {
        int slash = v.lastIndexOf('/');
        return slash < 0 ? new String[] {v, "./"} : new String[] {v.substring(slash + 1), v.substring(0, slash + 1)};
    }

    /** Trailing '/'s removed, but never the first character. */
    private static String stripTrailingSlashes(String d) {
        int end = d.length();
        while (end > 1 && d.charAt(end - 1) == '/') {
            end--;
        }
        return d.substring(0, end);
    }
}
