package io.jconcurrent.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code --json}: one JSON object per task on stdout, on one line, as each task ends. The seed's fields
 * keep the seed's names ({@code key, arg, time_start, time_run, success, timeout, returncode, stdout,
 * stderr, answer}) so scripts written against pyconcurrent's results read these; the rest of the
 * result record follows in snake_case, then the CLI's own {@code seq}, {@code attempts} and
 * {@code command}.
 *
 * <p>Times are seconds: {@code time_start} since the epoch, the others as durations. {@code stdout} and
 * {@code stderr} are the task's output decoded as UTF-8 (JSON strings are text: bytes that are not
 * UTF-8 become U+FFFD), decoded piecewise as the line is written, so output of any size costs no
 * more memory than the default output does.
 */
final class JsonOutput implements ResultSink {

    private final JsonFactory factory = new JsonFactory();
    private final Console console;
    private final OutputNotes notes;
    private final boolean keepBytes;

    /** @param keepBytes whether to keep each task's bytes after writing them (for {@code --print-results}) */
    JsonOutput(Console console, OutputNotes notes, boolean keepBytes) {
        this.console = console;
        this.notes = notes;
        this.keepBytes = keepBytes;
    }

    @Override
    public void accept(Finished f) {
        String cut = notes.cut(f);
        try {
            console.write(() -> {
                write(f, console.out);
                console.out.println();
                if (cut != null) {
                    console.err.println(cut);
                }
            });
        } finally {
            if (!keepBytes) {
                f.result().stdoutBytes().release();
                f.result().stderrBytes().release();
            }
        }
    }

    /**
     * Writes the task's JSON object to {@code out}, its output decoded as it is written (a task's
     * gigabytes are never one String).
     */
    void write(Finished f, OutputStream out) {
        ProcResult r = f.result();
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartObject();
            g.writeFieldName("key");
            writeValue(g, f.input().key());
            g.writeFieldName("arg");
            writeValue(g, f.input().arg());
            g.writeNumberField("time_start", new BigDecimal(r.timeStart().getEpochSecond())
                    .add(BigDecimal.valueOf(r.timeStart().getNano(), 9)).setScale(6, java.math.RoundingMode.HALF_UP));
            g.writeNumberField("time_run", seconds(r.timeRun()));
            g.writeBooleanField("success", r.success());
            g.writeBooleanField("timeout", r.timeout());
            g.writeNumberField("returncode", r.returnCode());
            g.writeFieldName("stdout");
            writeText(g, r.stdout(), r.stdoutBytes());
            g.writeFieldName("stderr");
            writeText(g, r.stderr(), r.stderrBytes());
            g.writeFieldName("answer");
            writeValue(g, r.answer());
            g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT));
            g.writeStringField("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("queue_wait", seconds(r.queueWait()));
            g.writeBooleanField("stdout_truncated", r.stdoutTruncated());
            g.writeBooleanField("stderr_truncated", r.stderrTruncated());
            g.writeStringField("cause", r.cause());
            g.writeStringField("exception", r.exception() == null ? null : r.exception().toString());
            g.writeNumberField("seq", f.input().seq());
            g.writeNumberField("attempts", f.result().attempt());
            g.writeStringField("command", f.command());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream's output as a JSON string: what was kept, decoded as UTF-8 (invalid bytes as U+FFFD). */
    private static void writeText(JsonGenerator g, String text, OutputBytes bytes) throws IOException {
        if (!text.isEmpty() || bytes.size() == 0) {
            g.writeString(text);
            return;
        }
        try (Reader decoded = new InputStreamReader(bytes.openStream(), StandardCharsets.UTF_8)) {
            g.writeString(decoded, -1);
        }
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).setScale(6, java.math.RoundingMode.HALF_UP);
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Double d -> g.writeNumber(d);
            case Float fl -> g.writeNumber(fl);
            case Boolean b -> g.writeBoolean(b);
            case JsonNumber n -> g.writeNumber(n.text()); // as it was written in --tasks
            case List<?> list -> {
                g.writeStartArray();
                for (Object e : list) {
                    writeValue(g, e);
                }
                g.writeEndArray();
            }
            default -> g.writeString(String.valueOf(v));
        }
    }
}
