package io.jconcurrent.cli;

import io.jconcurrent.cluster.ClusterMember;
import io.jconcurrent.cluster.MemberSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run for the class cache of {@code --serve} and {@code --cluster} runs (bin/jconcurrent
 * runs it once, under {@code -XX:AOTCacheOutput} or {@code -XX:ArchiveClassesAtExit}): a member on a
 * free loopback port and a CLI batch on it, in one JVM, so that the classes both sides load —
 * Hazelcast's most of all — are in the cache. A client then starts in about half the CPU.
 */
public final class ClusterTraining {

    private ClusterTraining() {
    }

    /** Runs the training batch; exits 0 if it ran. */
    public static void main(String[] args) {
        System.exit(train());
    }

    /** Runs the training batch and returns the CLI's exit status; the member is gone when it returns. */
    static int train() {
        try (ClusterMember member = ClusterMember.start(MemberSettings.loopback(0).withWorkers(2))) {
            List<String> argv = new ArrayList<>(List.of("--cluster", member.address(), "--timeout", "10",
                    "--keep-order", "true", ":::"));
            for (int i = 0; i < 40; i++) {
                argv.add(Integer.toString(i));
            }
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            return Main.run(argv.toArray(String[]::new), InputStream.nullInputStream(), nowhere, nowhere);
        }
    }
}
