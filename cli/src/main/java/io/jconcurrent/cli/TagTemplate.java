package io.jconcurrent.cli;

import io.jconcurrent.cli.ReplacementStrings.Literal;
import io.jconcurrent.cli.ReplacementStrings.Segment;
import java.util.List;

/**
 * The tag {@code --tag} and {@code --tagstring STR} put before each output line: the job's values
 * joined with spaces, or STR with its replacement strings replaced (raw, unquoted), as GNU parallel
 * makes it.
 */
final class TagTemplate {

    private final List<Segment> segments;

    /** @throws UsageException for a refused replacement string in {@code text} */
    TagTemplate(String rawText, ReplacementStrings strings) throws UsageException {
        this.segments = strings.parse(rawText);
    }

    /** {@code --tag}: the values. */
    static TagTemplate values(ReplacementStrings strings) throws UsageException {
        return new TagTemplate(strings.standardArg(), strings);
    }

    /** The tag of a job (raw). */
    String tag(JobArgs job) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Literal l) {
                sb.append(l.text());
            } else {
                List<String> values = ((ReplacementStrings.Replaced) s).replacement().values(job);
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(values.get(i));
                }
            }
        }
        return sb.toString();
    }
}
