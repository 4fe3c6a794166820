package io.jconcurrent.cli;

import io.jconcurrent.OutputPolicy;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Task;
import io.jconcurrent.cluster.Cluster;
import io.jconcurrent.cluster.ClusterRun;
import io.jconcurrent.cluster.ClusterSecret;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --cluster}: the CLI's batch run on cluster members instead of (or beside) this machine. The
 * tasks, retries, halt, joblog and output are the CLI's as for a local run; only where tasks run
 * changes. The CLI's own task keys stay here: members see a number and the command's args as plain
 * strings, and each result comes back to the CLI's key with the member's address for the joblog.
 */
final class ClusterBatch {

    private ClusterBatch() {
    }

    /**
     * The cluster the options name, checked: addresses, and the secret (read from its file), which is
     * required unless every address is loopback.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Cluster clusterOf(ClusterOptions options) {
        Cluster cluster = Cluster.of(options.addresses()).withIncludeLocal(options.includeLocal());
        if (options.name() != null) {
            cluster = cluster.withName(options.name());
        }
        if (options.secretFile() != null) {
            cluster = cluster.withSecret(ClusterSecret.fromFile(options.secretFile()));
        }
        return cluster;
    }

    /**
     * Runs the batch on the cluster and returns when every task has its result.
     *
     * @throws InterruptedException     if interrupted (a signal or --halt now); the batch was stopped
     *                                  on every member first
     * @throws IllegalArgumentException if the cluster cannot run the batch (named in the message)
     * @throws IllegalStateException    if no member can be reached or none accepts this submitter
     */
    static void run(ClusterOptions options, RunSettings settings, TaskFeed feed, ResultHandler handler,
                    MedianTimeout median) throws InterruptedException {
        Cluster cluster = clusterOf(options).withLocalWorkers(settings.jobs() > 0 ? settings.jobs()
                : Runtime.getRuntime().availableProcessors());
        Map<Object, Task> sent = new ConcurrentHashMap<>();
        Iterable<Task> plain = () -> new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return feed.hasNext();
            }

            @Override
            public Task next() {
                Task t = feed.next();
                Long id = next++;
                sent.put(id, t);
                return Task.of(id, t.arg() instanceof List<?> l ? new ArrayList<>(l) : t.arg());
            }
        };
        ClusterRun.Builder b = ClusterRun.builder(cluster)
                .command(settings.template().program())
                .lazyTasks(plain)
                .killGrace(settings.grace())
                .output(settings.outputLimit() == 0 ? OutputPolicy.unlimited()
                        : OutputPolicy.capture(Math.max(2, settings.outputLimit())))
                .listener((r, host, attempt) -> {
                    Task t = sent.remove(r.key());
                    handler.onResult(new ProcResult(t.key(), t.arg(), r.timeStartEpochNanos(), r.timeRunNanos(),
                            r.queueWaitNanos(), r.status(), r.stopReason(), r.returnCode(), r.stdout(), r.stderr(),
                            r.stdoutTruncated(), r.stderrTruncated(), r.answer(), r.cause(), r.exception()),
                            host.isEmpty() || host.equals("local") ? ResultHandler.LOCAL_HOST : host);
                });
        if (median != null) {
            b.timeoutFor(task -> median.apply(sent.get(task.key())));
        } else {
            b.timeout(settings.timeout().fixed());
        }
        b.build().runAll();
    }
}
