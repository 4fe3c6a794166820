package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output capture cannot hurt the caller: no deadlock, bounded memory, no decoding failure. */
class OutputTest {

    @Test
    void twoHundredMegabytesOnStdoutCompleteWithinTheCapsMemory() throws Exception {
        // A separate JVM with a 48 MiB heap: the default cap (8 MiB a stream) must be all it needs.
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), BigOutputMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("success=true", "truncated=true", "returncode=0");
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void bothStreamsBeyondThePipeBufferDoNotDeadlock() throws Exception {
        List<ProcResult> results = ProcRunMp.builder()
                .command("/bin/sh", "-c", "head -c 3000000 /dev/zero; head -c 3000000 /dev/zero >&2", "sh")
                .tasks(Task.pairs(1, null)).build().runAll();
        ProcResult r = results.getFirst();
        assertThat(r.success()).isTrue();
        assertThat(r.stdout()).hasSize(3_000_000);
        assertThat(r.stderr()).hasSize(3_000_000);
        assertThat(r.stdoutTruncated()).isFalse();
    }

    @Test
    void overTheLimitKeepsTheHeadAndTheTail() throws Exception {
        List<ProcResult> results = ProcRunMp.builder()
                .command("/bin/sh", "-c", "echo FIRST; head -c 100000 /dev/zero | tr '\\0' x; echo; echo LAST >&1", "sh")
                .tasks(Task.pairs(1, null)).output(OutputPolicy.capture(1000)).build().runAll();
        ProcResult r = results.getFirst();
        assertThat(r.stdoutTruncated()).isTrue();
        assertThat(r.stdout()).startsWith("FIRST\n").endsWith("LAST\n").contains("bytes omitted]");
        assertThat(r.stdout().length()).isLessThan(1100);
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c", "printf 'ok \\377\\376 end'", "sh")
                .tasks(Task.pairs(1, null, 2, null)).build().runAll();
        assertThat(results).allMatch(ProcResult::success);
        assertThat(results.getFirst().stdout()).isEqualTo("ok \uFFFD\uFFFD end");
    }

    @Test
    void outputCanGoToFilesNamedAfterTheKey(@TempDir Path dir) throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c", "echo out $1; echo err $1 >&2", "sh")
                .tasks(Task.pairs("a", 1, "b", 2)).output(OutputPolicy.toFiles(dir)).build().runAll();
        assertThat(results).allMatch(ProcResult::success);
        assertThat(results.getFirst().stdout()).isEmpty();
        assertThat(Files.readString(dir.resolve("a.out"))).isEqualTo("out 1\n");
        assertThat(Files.readString(dir.resolve("b.err"))).isEqualTo("err 2\n");
    }

    @Test
    void childStdinIsEmptyNotInherited() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("/bin/sh", "-c", "wc -c", "sh")
                .tasks(Task.pairs(1, null)).build().runAll();
        assertThat(results.getFirst().stdout().trim()).isEqualTo("0");
    }

    @Test
    void argumentsArePassedLiterallyWithoutAShell() throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("/usr/bin/printf", "%s|")
                .tasks(List.of(Task.of(1, "; rm -rf ~ $(x) `y`"), Task.of(2, List.of("a b", "*"))))
                .build().runAll();
        assertThat(results).extracting(ProcResult::stdout).containsExactly("; rm -rf ~ $(x) `y`|", "a b|*|");
    }
}
