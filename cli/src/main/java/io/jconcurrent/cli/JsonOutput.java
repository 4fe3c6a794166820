package io.jconcurrent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import java.io.IOException;
import java.io.StringWriter;
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
 * UTF-8 become U+FFFD), held in memory while the line is written.
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
        String line;
        try {
            line = toJson(f);
        } finally {
            if (!keepBytes) {
                f.result().stdoutBytes().release();
                f.result().stderrBytes().release();
            }
        }
        String cut = notes.cut(f);
        console.write(() -> {
            console.out.println(line);
            if (cut != null) {
                console.err.println(cut);
            }
        });
    }

    String toJson(Finished f) {
        ProcResult r = f.result();
        StringWriter w = new StringWriter(256 + r.stdout().length() + r.stderr().length());
        try (JsonGenerator g = factory.createGenerator(w)) {
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
            g.writeStringField("stdout", text(r.stdout(), r.stdoutBytes()));
            g.writeStringField("stderr", text(r.stderr(), r.stderrBytes()));
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
            g.writeNumberField("attempts", f.attempt().number());
            g.writeStringField("command", f.command());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** A stream's output as JSON text: what was kept, decoded as UTF-8 (invalid bytes as U+FFFD). */
    private static String text(String text, OutputBytes bytes) {
        return text.isEmpty() && bytes.size() > 0 ? bytes.text() : text;
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
