package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.UUID;

/**
 * What a submitter sends a member for one batch, in one sealed message: the results it has received
 * since its last message (so the member frees their slots), and new tasks. The member answers with the
 * results it has ready ({@link Results}), waiting for one if it has none, so an exchange is also the
 * submitter's standing request for results.
 *
 * @param batchId  the batch
 * @param acks     the tasks ({@link TaskMessage#seq()}) whose results the submitter has received
 * @param seqs     each new task's seq, so that a task that cannot be read there is still answered
 * @param attempts each new task's delivery number
 * @param tasks    each new task, a {@link TaskMessage} encoded on its own ({@link Wire#encode})
 */
record Exchange(UUID batchId, long[] acks, long[] seqs, int[] attempts, byte[][] tasks) implements Serializable {
}
