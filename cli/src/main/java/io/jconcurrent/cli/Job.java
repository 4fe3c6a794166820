package io.jconcurrent.cli;

/**
 * One started task as the CLI knows it: the task, its place in the order tasks were started, and the
 * job slot it runs in (every run of it, retries included: the engine's {@code Retry} reruns it in
 * place, and its result says which run it is). The engine sees the task under its own key
 * ({@link TaskFeed#job} finds the job again). Prints as the task's key.
 *
 * @param input the task
 * @param order 0-based position among the tasks started in this run
 * @param slot  the job slot it runs in, from 1 ({@code {%}})
 */
record Job(TaskInput input, long order, int slot) {

    /** The job's values: the task's in this job's slot. */
    JobArgs args() {
        return input.job(slot);
    }

    @Override
    public String toString() {
        return String.valueOf(input.key());
    }
}
