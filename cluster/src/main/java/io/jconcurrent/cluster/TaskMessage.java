package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.UUID;

/**
 * One attempt at one task, sent to one member. A member names the task by {@code seq} (its local batch
 * keys its runs by numbers of its own, so a task the engine runs again is a new task there); a function
 * batch's task also carries its key, with which the member calls the function, as a local run would.
 *
 * @param batchId         the batch it belongs to
 * @param seq             names this run of the task within the batch (one per start by the engine)
 * @param attempt         1 for the first delivery, one more for each member lost while it was there
 * @param key             the task's key, for a function ({@code fn(key, args)}); null for a command,
 *                        whose key stays with the submitter (a command never sees it)
 * @param arg             the task's arg
 * @param timeoutMillis   its time limit, counted from its start on the member; 0 = none
 * @param killGraceMillis SIGTERM to SIGKILL when it is stopped
 */
record TaskMessage(UUID batchId, long seq, int attempt, Object key, Object arg, long timeoutMillis,
                   long killGraceMillis) implements Serializable {
}
