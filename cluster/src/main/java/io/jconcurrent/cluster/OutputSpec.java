package io.jconcurrent.cluster;

import io.jconcurrent.OutputPolicy;
import java.io.Serializable;

/**
 * How much of each task's output a member keeps and sends back: what the batch's {@link OutputPolicy}
 * keeps (the submitter's engine then applies the policy itself, files included).
 *
 * @param limitBytes per-stream cap, head and tail kept
 */
record OutputSpec(long limitBytes) implements Serializable {

    /**
     * @throws IllegalArgumentException for {@link OutputPolicy.Bytes}, whose exact bytes cannot come back
     *                                  from a member yet
     */
    static OutputSpec of(OutputPolicy policy) {
        if (policy instanceof OutputPolicy.Capture c) {
            return new OutputSpec(c.limitBytes());
        }
        if (policy instanceof OutputPolicy.ToFiles) {
            return new OutputSpec(OutputPolicy.DEFAULT_LIMIT);
        }
        throw new IllegalArgumentException("OutputPolicy.bytes() is not available on a cluster yet: use"
                + " OutputPolicy.capture(...) or OutputPolicy.toFiles(...)");
    }
}
