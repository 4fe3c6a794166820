package io.jconcurrent.cluster;

import java.util.UUID;
import java.util.function.BiConsumer;

/** A machine a submitter sends tasks to: a cluster member, or its own machine (include-local). */
interface Target {

    /** How results name it: a member's {@code host:port}, or {@code local}. */
    String name();

    /** How many tasks it runs at once. */
    int workers();

    /**
     * Opens a batch there, blocking.
     *
     * @return null if open, else why the batch cannot run there (a sentence naming the target)
     * @throws RuntimeException if the target cannot be reached
     */
    String open(BatchSpec spec);

    /**
     * Sends one task; {@code done} gets its reply, or the failure that kept it from coming (then the
     * target is taken for lost), on some other thread.
     */
    void send(TaskMessage message, BiConsumer<TaskReply, Throwable> done);

    /**
     * Asks whether it is alive, without waiting: {@code answered} runs (on some thread) when any answer
     * comes, an error included, since only a live process answers. A target that cannot freeze apart
     * from this machine answers at once.
     */
    default void ping(Runnable answered) {
        answered.run();
    }

    /** Stops ({@code kill}) or ends a batch there, without waiting; failures are ignored. */
    default void stop(UUID batchId, boolean kill) {
        stop(new StopOrder(batchId, kill));
    }

    /** Sends a stop order (a batch's, or one task's) there, without waiting; failures are ignored. */
    void stop(StopOrder order);

    /** Ends a batch there (it is over: release what it holds) and waits a little for that to be done. */
    default void end(UUID batchId) {
        stop(batchId, false);
    }
}
