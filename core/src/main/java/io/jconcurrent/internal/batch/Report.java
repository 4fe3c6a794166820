package io.jconcurrent.internal.batch;

import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The seed's {@code print_results()} report: a run header, then one block per result. */
final class Report {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Report() {
    }

    static void print(PrintStream out, Instant timeStart, Duration timeRun, List<ProcResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("**********\n");
        sb.append("Test start time : ").append(timeStart == null ? "-" : WHEN.format(timeStart)).append('\n');
        sb.append(" Total run time : ").append(secs(timeRun)).append("\n\n");
        for (ProcResult r : results) {
            sb.append("=".repeat(40)).append('\n');
            line(sb, "key", r.key());
            line(sb, "  time_start", String.format(Locale.ROOT, "%.1f", r.timeStart().toEpochMilli() / 1000.0));
            line(sb, "  time_run", secs(r.timeRun()));
            line(sb, "  success", r.success());
            line(sb, "  timeout", r.timeout());
            line(sb, "  exception", r.exception() != null ? r.exception().getClass().getSimpleName()
                    : r.cause() != null ? r.cause() : "None");
            line(sb, "  arg", r.arg());
            line(sb, "  returncode", r.returnCode());
            String stdout = r.stdout().isEmpty() ? text(r.stdoutBytes()) : r.stdout();
            if (!stdout.isEmpty()) {
                line(sb, "  stdout", stdout);
            }
            String stderr = r.stderr().isEmpty() ? text(r.stderrBytes()) : r.stderr();
            if (!stderr.isEmpty()) {
                line(sb, "  stderr", stderr);
            }
            if (r.answer() != null) {
                line(sb, "  answer", r.answer());
            }
        }
        out.print(sb);
        out.flush();
    }

    /** Output kept as bytes, as text; a placeholder once they were released. */
    private static String text(OutputBytes bytes) {
        if (bytes.size() == 0) {
            return "";
        }
        try {
            return bytes.text();
        } catch (IllegalStateException e) {
            return "[" + bytes.size() + " bytes, released]";
        }
    }

    private static void line(StringBuilder sb, String label, Object value) {
        sb.append(label).append(" ".repeat(Math.max(1, 20 - label.length()))).append(": ").append(value).append('\n');
    }

    private static String secs(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d == null ? -1.0 : d.toNanos() / 1e9);
    }
}
