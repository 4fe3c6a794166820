package io.jconcurrent.cli;

import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code --tag} and {@code --tagstring}: each task's output, grouped as by default, with every line of
 * its stdout and of its stderr started by the task's tag and a tab, as GNU parallel prints them (a last
 * line without a newline is tagged too). The bytes of the output are kept as they are.
 */
final class TaggedOutput implements ResultSink {

    private final Console console;
    private final TagTemplate tag;
    private final OutputNotes notes;
    private final boolean keepBytes;

    /** @param keepBytes whether to keep each task's bytes after printing them (for {@code --print-results}) */
    TaggedOutput(Console console, TagTemplate tag, OutputNotes notes, boolean keepBytes) {
        this.console = console;
        this.tag = tag;
        this.notes = notes;
        this.keepBytes = keepBytes;
    }

    @Override
    public void accept(Finished f) {
        ProcResult r = f.result();
        byte[] prefix = RawText.bytes(tag.tag(f.job().args()) + "\t");
        byte[] out = tagged(bytes(r.stdoutBytes(), r.stdout()), prefix);
        byte[] err = tagged(bytes(r.stderrBytes(), r.stderr()), prefix);
        if (!keepBytes) {
            r.stdoutBytes().release();
            r.stderrBytes().release();
        }
        String note = GroupedOutput.note(f);
        String cut = notes.cut(f);
        if (out.length == 0 && err.length == 0 && note == null && cut == null) {
            return;
        }
        console.write(() -> {
            write(console.out, out);
            console.out.flush();
            write(console.err, err);
            if (note != null) {
                console.err.println(note);
            }
            if (cut != null) {
                console.err.println(cut);
            }
        });
    }

    private static void write(PrintStream s, byte[] b) {
        s.write(b, 0, b.length);
    }

    /** The exact bytes where the result has them, else the text. */
    private static byte[] bytes(OutputBytes bytes, String text) {
        return bytes.size() > 0 ? bytes.toByteArray() : text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tagged(byte[] output, byte[] prefix) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(output.length + prefix.length * 4);
        boolean lineStart = true;
        for (byte c : output) {
            if (lineStart) {
                b.write(prefix, 0, prefix.length);
                lineStart = false;
            }
            b.write(c);
            if (c == '\n') {
                lineStart = true;
            }
        }
        return b.toByteArray();
    }
}
