package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.UUID;

/**
 * One attempt at one task, sent to one member.
 *
 * @param batchId       the batch it belongs to
 * @param seq           its position in the batch's input, which names it within the batch
 * @param attempt       1 for the first delivery, one more for each member lost while it ran
 * @param key           the task's key
 * @param arg           the task's arg
 * @param timeoutMillis its time limit; 0 = none
 */
record TaskMessage(UUID batchId, long seq, int attempt, Object key, Object arg, long timeoutMillis)
        implements Serializable {
}
