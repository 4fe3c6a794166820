package io.jconcurrent.cluster;

import io.jconcurrent.ProcResult;
import io.jconcurrent.ProcRunMp;
import io.jconcurrent.RunnerBuilder;
import io.jconcurrent.testing.FailureCases;
import io.jconcurrent.testing.PerTaskTimeoutCases;
import io.jconcurrent.testing.PolicyCases;
import io.jconcurrent.testing.ProcessLeaks;
import io.jconcurrent.testing.RunnerKind;
import io.jconcurrent.testing.SchedulingCases;
import io.jconcurrent.testing.SeedCases;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * Core's shared behaviour suite ({@code io.jconcurrent.testing}, from its test-jar) over the cluster
 * placement: {@link ProcRunMp} with a {@link ClusterPlacement} as it comes (functions in worker JVMs on
 * the members), on one in-process cluster of two members of two workers each, started once for all
 * the cases. Where the cluster differs from a local run by design, the case says so through the
 * kind's answers below, each a difference that docs/cluster.md states. The three cases that meet the
 * test in its memory (a latch, counters) are skipped here by their assumption, which says so: their
 * functions are lambdas, which a cluster refuses, and would run in other JVMs anyway.
 */
class SharedSuiteOnClusterTest {

    private static Set<Long> before;
    private static InProcessCluster cluster;
    private static Set<Long> clusterProcesses;

    /** The cluster as a kind of the shared suite. */
    private static final RunnerKind CLUSTER = new RunnerKind() {
        @Override
        public List<ProcResult> run(Consumer<RunnerBuilder<?>> configure) throws Exception {
            RunnerBuilder<ProcRunMp> b = ProcRunMp.builder().placement(ClusterPlacement.of(cluster.cluster()));
            configure.accept(b);
            return b.build().runAll();
        }

        /** Members run functions in worker JVMs of their own; lambdas are refused (only a class name travels). */
        @Override
        public boolean functionsRunInThisJvm() {
            return false;
        }

        /** An exception comes back as a RemoteTaskException naming its class (never deserialized). */
        @Override
        public boolean exceptionsKeepTheirClass() {
            return false;
        }

        @Override
        public String toString() {
            return "CLUSTER";
        }
    };

    @BeforeAll
    static void startCluster() {
        before = ProcessLeaks.descendants();
        cluster = InProcessCluster.start(2, 2);
        clusterProcesses = ProcessLeaks.descendants(); // the members' watchdogs
    }

    /** Every process a case started, on any member, is gone when it ends. */
    @AfterEach
    void nothingLeftOnTheMembers() {
        for (ClusterMember m : cluster.members()) {
            ProcessLeaks.assertNoneLeftWithin(Watchdog.VARIABLE, m.mark(), 5);
        }
        ProcessLeaks.assertNoNewDescendants(clusterProcesses);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        ProcessLeaks.assertNoNewDescendants(before);
    }

    @Nested
    class Seed extends SeedCases {
        @Override
        protected Stream<RunnerKind> kinds() {
            return Stream.of(CLUSTER);
        }
    }

    @Nested
    class Failure extends FailureCases {
        @Override
        protected Stream<RunnerKind> kinds() {
            return Stream.of(CLUSTER);
        }
    }

    @Nested
    class Scheduling extends SchedulingCases {
        @Override
        protected Stream<RunnerKind> kinds() {
            return Stream.of(CLUSTER);
        }
    }

    @Nested
    class PerTaskTimeout extends PerTaskTimeoutCases {
        @Override
        protected Stream<RunnerKind> kinds() {
            return Stream.of(CLUSTER);
        }
    }

    @Nested
    class Policy extends PolicyCases {
        @Override
        protected Stream<RunnerKind> kinds() {
            return Stream.of(CLUSTER);
        }
    }
}
