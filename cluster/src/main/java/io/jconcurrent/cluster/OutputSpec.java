package io.jconcurrent.cluster;

import io.jconcurrent.OutputPolicy;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * An {@link OutputPolicy} as data that can travel to members (a policy may hold a {@link Path}, which
 * does not serialize).
 *
 * @param limitBytes per-stream cap in memory
 * @param directory  output files' directory on the member, or null for memory
 */
record OutputSpec(long limitBytes, String directory) implements Serializable {

    static OutputSpec of(OutputPolicy policy) {
        return new OutputSpec(policy.limitBytes(), policy.directory() == null ? null : policy.directory().toString());
    }

    OutputPolicy toPolicy() {
        return directory == null ? OutputPolicy.capture(limitBytes) : new OutputPolicy(limitBytes, Path.of(directory));
    }
}
