package io.jconcurrent.cluster;

import java.util.List;
import java.util.UUID;

/**
 * What a submitter sends a member for one batch, in one sealed message ({@link Codec}): the results it
 * has received since its last message (so the member frees their slots), and new tasks. The member
 * answers with the results it has ready, waiting for one if it has none, so an exchange is also the
 * submitter's standing request for results.
 *
 * @param batchId the batch
 * @param acks    the tasks ({@link TaskMessage#seq()}) whose results the submitter has received
 * @param tasks   the new tasks
 */
record Exchange(UUID batchId, long[] acks, List<TaskMessage> tasks) {
}
