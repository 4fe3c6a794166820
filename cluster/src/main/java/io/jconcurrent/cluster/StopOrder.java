package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.UUID;

/**
 * Stops or ends a batch, or one task of it, on a member.
 *
 * @param batchId the batch
 * @param kill    true: stop running tasks' process trees now (cancel, halt, a timeout); false: the
 *                batch is over, so release what it holds
 * @param seq     the one task to stop ({@link TaskMessage#seq()}), or -1 for the whole batch
 */
record StopOrder(UUID batchId, boolean kill, long seq) implements Serializable {

    /** The whole batch. */
    StopOrder(UUID batchId, boolean kill) {
        this(batchId, kill, -1);
    }
}
