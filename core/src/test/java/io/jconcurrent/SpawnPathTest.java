package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same process behaviour through both ways of starting a task: {@code direct} (posix_spawn; the
 * test JVM runs with native access enabled) and {@code jdk} (the JDK's launcher and setsid).
 */
class SpawnPathTest {

    private final String marker = ProcessLeaks.newMarker();

    @AfterEach
    void cleanUp() {
        System.clearProperty("jconcurrent.spawn");
        ProcessLeaks.assertNoneLeft(marker);
    }

    private List<ProcResult> run(String path, List<String> argv, List<Task> tasks, Duration timeout) {
        System.setProperty("jconcurrent.spawn", path);
        return ProcRunAsync.builder().command(argv).tasks(tasks).workers(4).timeout(timeout)
                .environment(ProcessLeaks.markedEnvironment(marker)).build().runAll().join();
    }

    private ProcResult runOne(String path, String... argv) {
        return run(path, List.of(argv), List.of(new Task(1, null)), Duration.ofSeconds(60)).getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void exitStatusAndBothStreamsComeBackApart(String path) {
        ProcResult r = runOne(path, "/bin/sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.returnCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.status()).isEqualTo(Status.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void streamsThatEndAtDifferentTimesAreBothReadInFull(String path) {
        ProcResult r = runOne(path, "/bin/sh", "-c", "echo out; exec 1>&-; sleep 0.2; echo err >&2");
        assertThat(r.success()).isTrue();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void moreThanAPipeFullOnEachStreamComesBackWhole(String path) {
        ProcResult r = runOne(path, "/bin/sh", "-c",
                "head -c 300000 /dev/zero | tr '\\0' a; head -c 300000 /dev/zero | tr '\\0' b >&2; echo done");
        assertThat(r.success()).isTrue();
        assertThat(r.stdout().equals("a".repeat(300000) + "done\n")).as("stdout whole").isTrue();
        assertThat(r.stderr().equals("b".repeat(300000))).as("stderr whole").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aProcessEndedBySignalReports128PlusTheSignal(String path) {
        assertThat(runOne(path, "/bin/sh", "-c", "kill -TERM $$").returnCode()).isEqualTo(143);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void theTaskLeadsItsOwnSessionAndGroup(String path) {
        // /proc/<pid>/stat after the command name: state ppid pgrp session ...
        ProcResult r = runOne(path, "/bin/sh", "-c", "echo $$; cat /proc/$$/stat");
        String[] lines = r.stdout().split("\n");
        String pid = lines[0];
        String[] f = lines[1].substring(lines[1].lastIndexOf(')') + 2).split(" ");
        assertThat(f[2]).as("process group").isEqualTo(pid);
        assertThat(f[3]).as("session").isEqualTo(pid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void theTaskGetsOnlyStdinStdoutAndStderrWithStdinEmpty(String path) {
        ProcResult r = runOne(path, "/bin/sh", "-c", "ls /proc/$$/fd; cat");
        assertThat(r.stdout().split("\n")).containsExactly("0", "1", "2");
        assertThat(r.success()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void environmentDirectoryAndArgsReachTheProgram(String path, @TempDir Path dir) throws IOException {
        System.setProperty("jconcurrent.spawn", path);
        ProcResult r = ProcRunAsync.builder().command("/bin/sh", "-c", "pwd; echo \"$JC_VALUE\" \"$0\"")
                .tasks(List.of(new Task(1, "an arg with spaces"))).directory(dir)
                .environment(Map.of("JC_VALUE", "v=1", ProcessLeaks.MARK_VARIABLE, marker))
                .build().runAll().join().getFirst();
        assertThat(r.stdout()).isEqualTo(dir.toRealPath() + "\nv=1 an arg with spaces\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aScriptWithoutInterpreterLineRunsWithTheShell(String path, @TempDir Path dir) throws IOException {
        Path script = dir.resolve("plain-script");
        Files.writeString(script, "echo from-script\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ProcResult r = runOne(path, script.toString());
        assertThat(r.stdout()).isEqualTo("from-script\n");
        assertThat(r.success()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aTimedOutTreeIsGoneWhenTheResultArrives(String path) {
        ProcResult r = run(path, List.of("/bin/sh", "-c", "sleep 300 & sleep 300"), List.of(new Task(1, null)),
                Duration.ofMillis(300)).getFirst();
        assertThat(r.timeout()).isTrue();
        assertThat(ProcessLeaks.withMarker(marker)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aBackgroundProcessNotHoldingThePipesIsGoneWhenTheResultArrives(String path) {
        ProcResult r = runOne(path, "/bin/sh", "-c", "sleep 300 >/dev/null 2>&1 & echo started");
        assertThat(r.success()).isTrue();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(ProcessLeaks.withMarker(marker)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aBackgroundJobInAGroupOfItsOwnHoldingThePipesIsGoneWhenTheResultArrives(String path) {
        // timeout(1) moves itself and its child into a new process group of the task's session.
        ProcResult r = runOne(path, "/bin/sh", "-c", "timeout 300 sleep 300 & echo started");
        assertThat(r.success()).isTrue();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(ProcessLeaks.withMarker(marker)).isEmpty();
    }

    /**
     * A background job in a group of its own that keeps forking while its task's leftovers are killed:
     * a child forked between a look through /proc and the signals is found by the next look. Four at
     * once, so that at least one fork lands in that gap on a quiet machine too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void aBackgroundJobForkingInAGroupOfItsOwnLeavesNothingWhenTheResultArrives(String path) {
        String forker = "i=0; while [ $i -lt 1000 ]; do sleep 60 & sleep 0.001; i=$((i+1)); done; wait";
        List<ProcResult> results = run(path, List.of("/bin/sh", "-c", "timeout 300 sh -c '" + forker
                + "' & sleep 0.05; echo started"), IntStream.range(0, 4).mapToObj(i -> new Task(i, null)).toList(),
                Duration.ofSeconds(60));
        assertThat(results).extracting(ProcResult::stdout).containsOnly("started\n");
        assertThat(ProcessLeaks.withMarker(marker)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "jdk"})
    void manyTasksLeaveNoDescriptorsOpenInThisJvm(String path) throws IOException {
        run(path, List.of("/bin/echo"), IntStream.range(0, 5).mapToObj(i -> new Task(i, i)).toList(),
                Duration.ZERO);
        long before = openDescriptors();
        List<ProcResult> results = run(path, List.of("/bin/echo"),
                IntStream.range(0, 200).mapToObj(i -> new Task(i, i)).toList(), Duration.ZERO);
        assertThat(results).allMatch(ProcResult::success);
        assertThat(results.get(7).stdout()).isEqualTo("7\n");
        assertThat(openDescriptors()).isLessThanOrEqualTo(before + 4);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
