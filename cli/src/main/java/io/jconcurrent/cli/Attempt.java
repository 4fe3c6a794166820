package io.jconcurrent.cli;

/**
 * The key the engine sees for one run of one task: the task, which run of it this is (1 for the first,
 * more for retries) and its place in the order tasks were started. Unique per run, so a retried task
 * can go through the engine again; the first run prints as the task's own key.
 *
 * @param input  the task
 * @param number 1 for the first run, 2 for the first retry, ...
 * @param order  0-based position among the tasks started in this run, kept by retries
 */
record Attempt(TaskInput input, int number, long order) {

    /**
     * The task's key; a retry adds which run it is, so that the engine, which refuses keys that print
     * alike, takes it as a task of its own.
     */
    @Override
    public String toString() {
        return number == 1 ? String.valueOf(input.key()) : input.key() + " (run " + number + ")";
    }
}
