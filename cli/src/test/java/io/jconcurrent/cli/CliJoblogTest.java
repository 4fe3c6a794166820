package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The joblog and resuming from it, through the real CLI. */
class CliJoblogTest extends RealCliTest {

    @Test
    void joblogHasParallelsHeaderAndOneRowPerTask() throws Exception {
        Path joblog = dir.resolve("log.tsv");

        Cli.Result r = cli.run("--joblog", joblog.toString(), "--timeout", "1", "sh", "-c",
                "if [ $0 = slow ]; then exec sleep 30; fi; printf 12345; exit $0", ":::", "0", "3", "slow");

        assertThat(r.exit()).isEqualTo(2);
        List<String> lines = Files.readAllLines(joblog);
        assertThat(lines.getFirst()).isEqualTo("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand");
        Map<String, String[]> bySeq = lines.stream().skip(1).map(l -> l.split("\t", -1))
                .collect(Collectors.toMap(f -> f[0], Function.identity()));
        assertThat(bySeq).containsOnlyKeys("1", "2", "3");
        assertThat(bySeq.values()).allSatisfy(f -> {
            assertThat(f).hasSize(9);
            assertThat(f[1]).isEqualTo(":");
            assertThat(Double.parseDouble(f[2]) * 1000).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(120_000.0));
            assertThat(Double.parseDouble(f[3].trim())).isNotNegative();
        });
        assertThat(bySeq.get("1")).containsSequence("0", "5", "0", "0");
        assertThat(bySeq.get("1")[8]).endsWith("exit $0' 0");
        assertThat(bySeq.get("2")[6]).isEqualTo("3");
        assertThat(bySeq.get("3")[6]).isEqualTo("-1");
        assertThat(Integer.parseInt(bySeq.get("3")[7])).isPositive();
    }

    @Test
    void resumeAfterSigkillRunsExactlyTheTasksThatHadNotFinished() throws Exception {
        Path joblog = dir.resolve("log.tsv");
        Path ran = dir.resolve("ran.txt");
        String slow = "47." + Math.abs(marker.hashCode() % 1000);
        List<String> tasks = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String seconds = i <= 4 ? "0" : slow;
            tasks.add("{\"key\": \"task-" + i + "\", \"arg\": [\"task-" + i + "\", \"" + seconds + "\"]}");
        }
        Path tasksFile = dir.resolve("tasks.jsonl");
        Files.write(tasksFile, tasks);
        String[] command = {"sh", "-c", "echo \"$1\" >> \"$0\"; sleep \"$2\"", ran.toString()};

        Cli.Running first = cli.start(null, concat(new String[] {"-j", "6", "--joblog", joblog.toString(),
            "--tasks", tasksFile.toString()}, command));
        CliExitStatusTest.awaitRows(joblog, 4);
        ProcessLeaks.awaitRunning(marker, "sleep " + slow, 2);
        first.process.destroyForcibly();
        first.process.waitFor();
        // A SIGKILLed CLI cannot stop its tasks; clean up the ones it left, as a user would.
        ProcessLeaks.killAll(marker);
        List<String> loggedAfterKill = Files.readAllLines(joblog);
        assertThat(loggedAfterKill).hasSize(5);

        // The second run gets the tasks in another order and with the slow ones made quick: keys decide.
        List<String> reordered = new ArrayList<>(tasks.stream().map(t -> t.replace(slow, "0")).toList());
        Collections.reverse(reordered);
        Files.write(tasksFile, reordered);
        Cli.Result second = cli.run(concat(new String[] {"-j", "6", "--joblog", joblog.toString(), "--resume",
            "--tasks", tasksFile.toString()}, command));

        assertThat(second.exit()).as(second.err()).isZero();
        List<String> runs = Files.readAllLines(ran);
        assertThat(runs).filteredOn(s -> s.matches("task-[1-4]")).hasSize(4).doesNotHaveDuplicates();
        assertThat(runs).filteredOn(s -> s.matches("task-[56]")).containsOnly("task-5", "task-6").hasSize(4);
        List<String> rows = Files.readAllLines(joblog);
        assertThat(rows.getFirst()).endsWith("\tCommand\tKey");
        assertThat(rows.stream().skip(1).map(l -> l.substring(l.lastIndexOf('\t') + 1)))
                .containsExactlyInAnyOrder("task-1", "task-2", "task-3", "task-4", "task-5", "task-6");
    }

    @Test
    void resumeFailedRunsAgainOnlyTheTasksThatFailed() throws Exception {
        Path joblog = dir.resolve("log.tsv");
        Path ran = dir.resolve("ran.txt");
        Path flag = dir.resolve("fixed");
        String script = "echo $0 >> " + ran + "; [ $0 != b ] || [ -e " + flag + " ]";

        Cli.Result first = cli.run("--joblog", joblog.toString(), "sh", "-c", script, ":::", "a", "b", "c");
        Files.writeString(flag, "");
        Cli.Result second = cli.run("--joblog", joblog.toString(), "--resume-failed", "sh", "-c", script,
                ":::", "a", "b", "c");

        assertThat(first.exit()).isEqualTo(1);
        assertThat(second.exit()).isZero();
        assertThat(Files.readAllLines(ran)).containsExactlyInAnyOrder("a", "b", "c", "b");
        assertThat(Files.readAllLines(joblog)).hasSize(5);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
