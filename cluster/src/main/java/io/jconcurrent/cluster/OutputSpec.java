package io.jconcurrent.cluster;

import io.jconcurrent.OutputPolicy;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * An {@link OutputPolicy} as data that can travel to members (a policy may hold a {@link Path}, which
 * does not serialize).
 *
 * @param limitBytes per-stream cap in memory (for text capture)
 * @param directory  output files' directory on the member, or null for text in memory
 */
record OutputSpec(long limitBytes, String directory) implements Serializable {

    /**
     * @throws IllegalArgumentException for {@link OutputPolicy.Bytes}, whose file-backed bytes cannot
     *                                  come back from a member yet
     */
    static OutputSpec of(OutputPolicy policy) {
        return switch (policy) {
            case OutputPolicy.Capture c -> new OutputSpec(c.limitBytes(), null);
            case OutputPolicy.ToFiles f -> new OutputSpec(OutputPolicy.DEFAULT_LIMIT, f.directory().toString());
            case OutputPolicy.Bytes b -> throw new IllegalArgumentException("OutputPolicy.bytes() is not available"
                    + " on a cluster yet: use OutputPolicy.capture(...) or OutputPolicy.toFiles(...)");
        };
    }

    OutputPolicy toPolicy() {
        return directory == null ? OutputPolicy.capture(limitBytes) : OutputPolicy.toFiles(Path.of(directory));
    }
}
