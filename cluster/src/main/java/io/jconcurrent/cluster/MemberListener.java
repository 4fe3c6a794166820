package io.jconcurrent.cluster;

import io.jconcurrent.Task;

/**
 * Told which machine ran each run of a task, as the run ends and before the engine makes its result
 * (so a result listener can look the machine up by the task's key). Calls may be concurrent.
 */
@FunctionalInterface
public interface MemberListener {

    /**
     * @param task       the task
     * @param host       the member that ran it ({@code host:port}), {@code local} for this machine, or
     *                   empty if it ran nowhere (stopped before it was sent, or no member was left)
     * @param deliveries 1, or one more for each member lost while the task was there
     */
    void ran(Task task, String host, int deliveries);
}
