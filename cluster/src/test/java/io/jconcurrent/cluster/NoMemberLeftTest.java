package io.jconcurrent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import io.jconcurrent.Task;
import io.jconcurrent.testing.ProcessLeaks;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When every member is lost and none joins within the wait, the remaining tasks fail, naming them. */
class NoMemberLeftTest {

    @Test
    void remainingTasksFailNamingTheLostMembersAfterTheWait() throws Exception {
        String mark = ProcessLeaks.newMarker();
        try (InProcessCluster cluster = InProcessCluster.start(1, 1)) {
            ClusterMember only = cluster.members().getFirst();
            List<ProcResult> results = ClusterRun.builder(cluster.cluster().withMemberWait(Duration.ofSeconds(1)))
                    .command("sleep", "0.2").environment(ProcessLeaks.markedEnvironment(mark))
                    .tasks(IntStream.range(0, 20).mapToObj(i -> Task.of(i, null)).toList())
                    .listener((r, host, attempt) -> {
                        if (r.key().equals(2)) {
                            Thread.ofVirtual().start(only::crash);
                        }
                    })
                    .build().runAll();
            assertThat(results).hasSize(20);
            assertThat(results.getLast().status()).isEqualTo(Status.FAILED);
            assertThat(results.getLast().cause()).contains("no cluster member left").contains(only.address());
        }
        ProcessLeaks.assertNoneLeft(mark);
    }
}
