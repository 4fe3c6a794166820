package io.jconcurrent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code --resume} and {@code --resume-failed}: which input tasks an earlier run's joblog says need not
 * run again. A task is matched on its key: the {@code Key} column when the joblog has one (tasks with
 * their own keys, so a reordered input still matches), else the {@code Seq} column. With
 * {@code --resume} every logged task is skipped; with {@code --resume-failed} only those whose last
 * row shows success (Exitval 0, Signal 0).
 */
final class ResumeFilter implements Predicate<TaskInput> {

    private final Map<String, Boolean> succeededByKey;
    private final boolean byKey;
    private final boolean rerunFailed;

    private ResumeFilter(Map<String, Boolean> succeededByKey, boolean byKey, boolean rerunFailed) {
        this.succeededByKey = succeededByKey;
        this.byKey = byKey;
        this.rerunFailed = rerunFailed;
    }

    /**
     * Reads the joblog; a missing or empty one skips nothing.
     *
     * @throws UsageException if it cannot be read or is not a joblog
     */
    static ResumeFilter read(Path joblog, boolean rerunFailed) throws UsageException {
        Map<String, Boolean> rows = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(joblog, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || header.isBlank()) {
                return new ResumeFilter(rows, false, rerunFailed);
            }
            List<String> columns = Arrays.asList(header.split("\t", -1));
            int seq = columns.indexOf("Seq");
            int exitval = columns.indexOf("Exitval");
            int signal = columns.indexOf("Signal");
            int key = columns.indexOf(Joblog.KEY_COLUMN);
            if (seq < 0 || exitval < 0 || signal < 0) {
                throw new UsageException("cannot resume from " + joblog + ": its first line is not a joblog header");
            }
            int id = key >= 0 ? key : seq;
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (f.length <= Math.max(id, Math.max(exitval, signal))) {
                    continue; // a row cut short by a crash mid-write: that task did not finish
                }
                boolean ok = f[exitval].trim().equals("0") && f[signal].trim().equals("0");
                rows.put(f[id], ok);
            }
            return new ResumeFilter(rows, key >= 0, rerunFailed);
        } catch (NoSuchFileException e) {
            return new ResumeFilter(rows, false, rerunFailed);
        } catch (IOException e) {
            throw new UsageException("cannot resume from " + joblog + ": " + TaskSources.reason(e), e);
        }
    }

    /** True if the task is done according to the joblog and is to be skipped. */
    @Override
    public boolean test(TaskInput t) {
        String id = byKey ? Joblog.escape(String.valueOf(t.key())) : String.valueOf(t.seq());
        Boolean succeeded = succeededByKey.get(id);
        return succeeded != null && (succeeded || !rerunFailed);
    }
}
