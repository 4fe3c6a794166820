package io.jconcurrent.cluster;

import io.jconcurrent.ProcResult;
import java.io.Serializable;

/**
 * A member's answer to one {@link TaskMessage}: the result it got, with key and arg left out (the
 * submitter has them).
 *
 * @param seq     the task's position in the batch
 * @param attempt the attempt this answers
 * @param result  the result, with null key and arg; null if the member is leaving and did not finish
 *                the task (the submitter runs it elsewhere, as for a lost member)
 */
record TaskReply(long seq, int attempt, ProcResult result) implements Serializable {
}
