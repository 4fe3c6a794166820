package io.jconcurrent.cluster;

import io.jconcurrent.ProcResult;

/**
 * Sees each task's one result as it arrives, with the machine that ran it. Called exactly once per task,
 * from the thread that received the result; calls may be concurrent.
 */
@FunctionalInterface
public interface ClusterResultListener {

    /**
     * @param result  the task's result
     * @param host    the member that ran it ({@code host:port}), {@code local} for this machine, or empty
     *                if it never ran
     * @param attempt 1, or one more for each member lost while it ran
     */
    void onResult(ProcResult result, String host, int attempt);
}
