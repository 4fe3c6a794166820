package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timeout path's kill: what counts as gone, and that it leaves nothing behind. */
class TimeoutKillPathTest {

    private final String mark = "jc-kill-path-" + UUID.randomUUID();

    @AfterEach
    void nothingMarkedIsLeftAlive() throws Exception {
        List<Long> left = marked();
        // Clean up before failing, by pid, so one failure does not leak into the next test.
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(left).as("processes of this test still alive").isEmpty();
    }

    @Test
    void aTreeHoldingAZombieIsStoppedWithoutWaitingOutTheGrace() {
        // The exec'd sleep never reaps its background child, which stays a zombie until the tree is
        // killed and init reaps it; a zombie has already ended, so the kill must not wait for it.
        List<ProcResult> results = ProcRunAsync.builder()
                .command("/bin/sh", "-c", "sleep 0.1 & exec sleep 300")
                .tasks(List.of(new Task(1, null))).workers(1)
                .timeout(Duration.ofSeconds(1)).killGrace(Duration.ofSeconds(60))
                .environment(Map.of("JC_TEST_MARK", mark))
                .build().runAll().join();
        ProcResult r = results.getFirst();
        assertThat(r.timeout()).isTrue();
        assertThat(r.timeRun()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aTimedOutShellAndItsBackgroundChildrenAreAllGoneWhenTheResultArrives() throws Exception {
        List<ProcResult> results = ProcRunAsync.builder()
                .command("/bin/sh", "-c", "sleep 300 & sleep 300 & sleep 300; :")
                .tasks(List.of(new Task(1, null))).workers(1).timeout(Duration.ofMillis(500))
                .environment(Map.of("JC_TEST_MARK", mark))
                .build().runAll().join();
        assertThat(results.getFirst().timeout()).isTrue();
        assertThat(marked()).isEmpty();
    }

    /** Live (not zombie) processes whose environment carries this test's mark. */
    private List<Long> marked() throws IOException {
        byte[] needle = ("JC_TEST_MARK=" + mark).getBytes(StandardCharsets.ISO_8859_1);
        List<Long> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
                    if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                        continue;
                    }
                    if (contains(Files.readAllBytes(dir.resolve("environ")), needle)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
