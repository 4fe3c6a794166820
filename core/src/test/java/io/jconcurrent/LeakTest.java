package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A long batch leaves the JVM with no more threads and file descriptors than it had before. */
class LeakTest {

    @Test
    void tenThousandTasksLeakNoThreadsOrDescriptors() throws Exception {
        runBatch(200); // warm up: the output reader pool reaches its working size
        long threadsBefore = threads();
        long fdsBefore = openDescriptors();

        List<ProcResult> results = runBatch(10_000);

        assertThat(results).hasSize(10_000).allMatch(ProcResult::success);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
        // Idle reader threads may linger briefly in their pool; allow the pool's working size only.
        assertThat(threads()).isLessThanOrEqualTo(threadsBefore + 8);
        assertThat(openDescriptors()).isLessThanOrEqualTo(fdsBefore + 2);
    }

    private static List<ProcResult> runBatch(int n) throws Exception {
        List<Task> tasks = Stream.iterate(0, i -> i + 1).limit(n).map(i -> new Task(i, null)).toList();
        return ProcRunMp.builder().command("/bin/true").tasks(tasks).workers(4).build().runAll();
    }

    private static long threads() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Threads:"))
                .mapToLong(l -> Long.parseLong(l.substring(8).trim())).findFirst().orElseThrow();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
