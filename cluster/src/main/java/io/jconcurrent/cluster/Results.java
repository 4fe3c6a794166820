package io.jconcurrent.cluster;

import java.io.Serializable;

/**
 * A member's answer to an {@link Exchange}: every result it had ready, in one sealed message.
 *
 * @param seqs     each task's seq
 * @param attempts the delivery each answers
 * @param ends     each task's {@link Ended}, encoded on its own ({@link Wire#encode}); null if the member
 *                 is leaving and did not finish it (the submitter runs it elsewhere, as for a lost member)
 */
record Results(long[] seqs, int[] attempts, byte[][] ends) implements Serializable {

    static final Results NONE = new Results(new long[0], new int[0], new byte[0][]);
}
