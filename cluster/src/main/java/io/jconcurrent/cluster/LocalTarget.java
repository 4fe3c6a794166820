package io.jconcurrent.cluster;

import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The submitter's own machine as one more target (include-local): the same engine a member uses,
 * called directly, with a watchdog of its own so that its tasks die with the submitter.
 */
final class LocalTarget implements Target, AutoCloseable {

    static final String NAME = "local";

    private final MemberEngine engine;
    private final Watchdog watchdog;

    LocalTarget(int workers) {
        this.watchdog = Watchdog.start(UUID.randomUUID().toString());
        this.engine = new MemberEngine(new Wire(ClusterSecret.none(), java.util.List.of()), workers, watchdog,
                LocalTarget.class.getClassLoader());
        engine.identify(null, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int workers() {
        return engine.workers();
    }

    @Override
    public String open(BatchSpec spec) {
        return engine.open(spec).error();
    }

    @Override
    public void send(TaskMessage message, BiConsumer<TaskReply, Throwable> done) {
        engine.submit(message, end -> {
            done.accept(new TaskReply(message.seq(), message.attempt(), end), null);
            engine.acknowledge(message.batchId(), message.seq()); // received: its slot is free
        });
    }

    @Override
    public void stop(StopOrder order) {
        engine.stop(order);
    }

    @Override
    public void close() {
        engine.shutDown();
        watchdog.close();
    }
}
