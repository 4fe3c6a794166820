package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.UUID;

/**
 * One attempt at one task, sent to one member. The task's key stays with the submitter: a member names
 * the task by {@code seq} alone, so keys need not travel and a task the engine runs again is a new
 * task there.
 *
 * @param batchId         the batch it belongs to
 * @param seq             names this run of the task within the batch (one per start by the engine)
 * @param attempt         1 for the first delivery, one more for each member lost while it was there
 * @param arg             the task's arg
 * @param timeoutMillis   its time limit, counted from its start on the member; 0 = none
 * @param killGraceMillis SIGTERM to SIGKILL when it is stopped
 */
record TaskMessage(UUID batchId, long seq, int attempt, Object arg, long timeoutMillis, long killGraceMillis)
        implements Serializable {
}
