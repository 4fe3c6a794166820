package io.jconcurrent.cli;

/**
 * The key the engine sees for one run of one task: the task, which run of it this is (1 for the first,
 * more for retries), its place in the order tasks were started, and the job slot it runs in. Unique per
 * run, so a retried task can go through the engine again; the first run prints as the task's own key.
 *
 * @param input  the task
 * @param number 1 for the first run, 2 for the first retry, ...
 * @param order  0-based position among the tasks started in this run, kept by retries
 * @param slot   the job slot of this run, from 1 ({@code {%}})
 */
record Attempt(TaskInput input, int number, long order, int slot) {

    /** The job this run is: the task's values in this run's slot. */
    JobArgs job() {
        return input.job(slot);
    }

    /**
     * The task's key; a retry adds which run it is, so that the engine, which refuses keys that print
     * alike, takes it as a task of its own.
     */
    @Override
    public String toString() {
        return number == 1 ? String.valueOf(input.key()) : input.key() + " (run " + number + ")";
    }
}
