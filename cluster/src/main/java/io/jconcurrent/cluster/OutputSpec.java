package io.jconcurrent.cluster;

import io.jconcurrent.OutputPolicy;
import java.io.Serializable;

/**
 * How much of each task's output a member keeps and sends back: what the batch's {@link OutputPolicy}
 * keeps (the submitter's engine then applies the policy itself, files included).
 *
 * @param limitBytes per-stream cap
 * @param headOnly   keep the first {@code limitBytes} (exact bytes, {@link OutputPolicy.Bytes}) rather than
 *                   a head and a tail (text)
 */
record OutputSpec(long limitBytes, boolean headOnly) implements Serializable {

    /**
     * The most of each stream a member sends back under {@link OutputPolicy.Bytes}: a member holds a
     * task's output in memory and sends it in one message. A task whose stream passes it under a policy
     * that keeps more fails, saying so ({@link RemoteTask}).
     */
    static final long BYTES_LIMIT = 64L << 20;

    static OutputSpec of(OutputPolicy policy) {
        return switch (policy) {
            case OutputPolicy.Capture c -> new OutputSpec(c.limitBytes(), false);
            case OutputPolicy.Bytes b -> new OutputSpec(Math.min(b.limitBytes(), BYTES_LIMIT), true);
            case OutputPolicy.ToFiles f -> new OutputSpec(OutputPolicy.DEFAULT_LIMIT, false);
        };
    }

    /** Whether a stream a member cut at this cap would have kept more under {@code policy}. */
    static boolean cutShort(OutputPolicy policy, RawCapture.Kept kept) {
        return policy instanceof OutputPolicy.Bytes b && b.limitBytes() > BYTES_LIMIT && kept.dropped() > 0;
    }
}
