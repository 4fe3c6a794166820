package io.jconcurrent.bench;

import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunAsync;
import io.jconcurrent.Task;
import io.jconcurrent.cluster.Cluster;
import io.jconcurrent.cluster.ClusterRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * bench/cluster.sh's measurements that need the library's view (run against members the script
 * started):
 * <ul>
 *   <li>{@code latency ADDRESS N}: N {@code true} tasks one after another (each sent once the previous
 *       result is back), on this machine and on the member, interleaved in blocks; prints the median
 *       time from handing a task out to its result, less its run time, for each, and their difference
 *       (the latency the cluster adds).</li>
 *   <li>{@code detect ADDRESSES PID [SIGNAL]}: a batch of long tasks on the members; once they run,
 *       sends the member PID SIGNAL ({@code KILL}, the default, or {@code STOP} to freeze it; a frozen
 *       member gets {@code CONT} once it is taken for lost) and prints how long the submitter took to
 *       take it for lost.</li>
 * </ul>
 */
public final class ClusterProbe {

    private ClusterProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "latency" -> latency(args[1], Integer.parseInt(args[2]));
            case "detect" -> detect(args[1], Long.parseLong(args[2]), args.length > 3 ? args[3] : "KILL");
            default -> throw new IllegalArgumentException("latency ADDRESS N | detect ADDRESSES PID [KILL|STOP]");
        }
    }

    /** A source that hands out the next task only once the previous one's result is back. */
    private static final class Serial implements Iterable<Task> {
        final int n;
        final Semaphore previousDone = new Semaphore(1);
        final long[] handedOut;
        final List<Long> overheadNanos = Collections.synchronizedList(new ArrayList<>());

        Serial(int n) {
            this.n = n;
            this.handedOut = new long[n];
        }

        @Override
        public Iterator<Task> iterator() {
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    if (i >= n) {
                        return false;
                    }
                    previousDone.acquireUninterruptibly();
                    return true;
                }

                @Override
                public Task next() {
                    handedOut[i] = System.nanoTime();
                    return Task.of(i, "x" + i++);
                }
            };
        }

        void done(ProcResult r) {
            long now = System.nanoTime();
            overheadNanos.add(now - handedOut[(Integer) r.key()] - r.timeRunNanos());
            previousDone.release();
        }

        double medianMillis(int skip) {
            List<Long> sorted = new ArrayList<>(overheadNanos.subList(skip, overheadNanos.size()));
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2) / 1e6;
        }
    }

    private static void latency(String address, int n) throws Exception {
        Cluster cluster = Cluster.of(address);
        List<Double> local = new ArrayList<>();
        List<Double> remote = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Serial l = new Serial(n);
            ProcRunAsync.builder().command("true").lazyTasks(l).workers(1).listener(l::done).build().runAll().join();
            local.add(l.medianMillis(n / 10));
            Serial c = new Serial(n);
            ClusterRun.builder(cluster).command("true").lazyTasks(c).listener(c::done).build().runAll();
            remote.add(c.medianMillis(n / 10));
        }
        Collections.sort(local);
        Collections.sort(remote);
        System.out.printf("latency local_median_ms %.3f cluster_median_ms %.3f added_ms %.3f rounds %s %s%n",
                local.get(1), remote.get(1), remote.get(1) - local.get(1), local, remote);
    }

    private static void detect(String addresses, long pid, String signal) throws Exception {
        long[] lostAt = {0};
        Logger delivery = Logger.getLogger("io.jconcurrent.cluster.ClusterLauncher");
        delivery.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage().contains("lost") && lostAt[0] == 0) {
                    lostAt[0] = System.nanoTime();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(Task.of(i, "30"));
        }
        ClusterRun run = ClusterRun.builder(Cluster.of(List.of(addresses.split(",")))).command("sleep").tasks(tasks)
                .build();
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(3000);
                long killedAt = System.nanoTime();
                new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
                while (lostAt[0] == 0) {
                    Thread.sleep(1);
                }
                if (signal.equals("STOP")) {
                    new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
                }
                System.out.printf("detect ms %.1f%n", (lostAt[0] - killedAt) / 1e6);
                run.cancel();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        run.runAll();
        killer.join();
    }
}
