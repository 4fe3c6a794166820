package io.jconcurrent.cluster;

import java.util.List;

/**
 * What delivery saw during a batch.
 *
 * @param membersUsed  members that ran tasks of the batch, in the order they were opened
 * @param membersLost  members taken for lost (suspect) during the batch, in order
 * @param requeued     task deliveries put back at the head of the queue after a member was lost
 * @param lateDropped  results that arrived for an attempt already given up (dropped)
 */
public record ClusterStats(List<String> membersUsed, List<String> membersLost, long requeued, long lateDropped) {
}
