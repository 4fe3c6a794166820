package io.jconcurrent.cli;

import io.jconcurrent.RunnerBuilder;
import io.jconcurrent.cluster.Cluster;
import io.jconcurrent.cluster.ClusterPlacement;
import io.jconcurrent.cluster.ClusterSecret;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --cluster}: the CLI's batch run on cluster members instead of (or beside) this machine. The
 * tasks, retries, halt, joblog and output are the CLI's as for a local run; only where tasks run
 * changes: the engine runs the batch with a {@link ClusterPlacement}. The CLI's own task keys stay
 * here (members see a number and the command's args), and each result comes with the member's address
 * for the joblog.
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
     * Makes the CLI's engine run its batch on the cluster: the same builder, tasks, retries, halt,
     * timeouts and outputs as a local run, with a {@link ClusterPlacement}; each result reaches
     * {@code handler} with the member that ran it, for the joblog's Host column. Nothing connects until
     * the batch starts; a cluster that cannot run it then fails it with a message that says why.
     *
     * @throws IllegalArgumentException if the options name a bad address or secret file
     */
    static void configure(RunnerBuilder<?> builder, ClusterOptions options, RunSettings settings,
                          ResultHandler handler) {
        Cluster cluster = clusterOf(options).withLocalWorkers(settings.jobs() > 0 ? settings.jobs()
                : Runtime.getRuntime().availableProcessors());
        Map<Object, String> hosts = new ConcurrentHashMap<>();
        builder.placement(ClusterPlacement.of(cluster)
                        .withMemberListener((task, host, deliveries) -> hosts.put(task.key(), host)))
                .listener(r -> {
                    String host = hosts.remove(r.key());
                    handler.onResult(r, host == null || host.isEmpty() || host.equals("local")
                            ? ResultHandler.LOCAL_HOST : host);
                });
    }
}
