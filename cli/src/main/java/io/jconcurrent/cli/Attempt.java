package io.jconcurrent.cli;

/**
 * Which task a final result is of: its input, which run of it the result is (1 for the first, more
 * after retries, as the engine's {@link io.jconcurrent.ProcResult#attempt()} says) and its place in the
 * order tasks were started.
 *
 * @param input  the task
 * @param number 1 for the first run, 2 for the first retry, ...
 * @param order  0-based position among the tasks started in this run, kept by retries
 */
record Attempt(TaskInput input, int number, long order) {
}
