package io.jconcurrent.cluster;

import java.io.Serializable;

/**
 * A member's answer to one {@link TaskMessage}.
 *
 * @param seq     the task's name within the batch
 * @param attempt the delivery this answers
 * @param end     how the task ended there; null if the member is leaving and did not finish it (the
 *                submitter runs it elsewhere, as for a lost member)
 */
record TaskReply(long seq, int attempt, Ended end) implements Serializable {
}
