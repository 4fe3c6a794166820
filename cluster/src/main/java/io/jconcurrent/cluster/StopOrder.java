package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.UUID;

/**
 * Ends a batch on a member.
 *
 * @param batchId the batch
 * @param kill    true: stop its running tasks' process trees now (cancel, halt); false: it is over, so
 *                release what it holds
 */
record StopOrder(UUID batchId, boolean kill) implements Serializable {
}
