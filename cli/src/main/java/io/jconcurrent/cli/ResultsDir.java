package io.jconcurrent.cli;

import io.jconcurrent.OutputBytes;
import io.jconcurrent.ProcResult;
import io.jconcurrent.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --results DIR}: each task's output in files, in GNU parallel's layout, as the task ends: for a
 * task whose values are {@code a} and {@code b c}, {@code DIR/1/a/2/b c/} holds {@code stdout},
 * {@code stderr} and {@code seq} (a {@code /} in a value is written {@code \_} and a {@code \} as
 * {@code \\}, as parallel writes them). Beyond parallel, {@code result.json} holds the seed's result
 * fields, as {@code --json} prints them. Tasks cancelled before they ended get no directory.
 */
final class ResultsDir implements ResultSink {

    private final Path root;
    private final JsonOutput json;

    ResultsDir(Path root, JsonOutput json) {
        this.root = root;
        this.json = json;
    }

    /** The directory of a task with these values (raw strings), under {@code root}. */
    static Path directory(Path root, List<String> values) {
        Path d = root;
        for (int i = 0; i < values.size(); i++) {
            d = d.resolve(Integer.toString(i + 1)).resolve(component(values.get(i)));
        }
        return d;
    }

    private static String component(String raw) {
        String escaped = raw.replace("\\", "\\\\").replace("/", "\\_");
        if (escaped.isEmpty() || escaped.equals(".") || escaped.equals("..")) {
            escaped = "\\" + escaped; // never the directory itself or its parent
        }
        return RawText.toText(escaped);
    }

    @Override
    public void accept(Finished f) {
        ProcResult r = f.result();
        if (r.status() == Status.CANCELLED) {
            return;
        }
        List<String> values = f.job().args().positions();
        Path d = directory(root, values.isEmpty() ? List.of(Long.toString(f.input().seq())) : values);
        try {
            Files.createDirectories(d);
            write(d.resolve("stdout"), r.stdoutBytes(), r.stdout());
            write(d.resolve("stderr"), r.stderrBytes(), r.stderr());
            Files.writeString(d.resolve("seq"), Long.toString(f.input().seq())); // no newline, as parallel
            try (OutputStream out = Files.newOutputStream(d.resolve("result.json"))) {
                json.write(f, out);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing --results for task " + f.input().key() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The exact bytes where the result has them, else the text. */
    private static void write(Path file, OutputBytes bytes, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (bytes.size() > 0) {
                bytes.writeTo(out);
            } else {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
