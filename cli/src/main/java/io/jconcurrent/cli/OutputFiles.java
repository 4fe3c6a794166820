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

/**
 * {@code --files}: instead of a task's output, the name of a file that holds its stdout, one per line,
 * as GNU parallel prints them (files {@code par*.par} in {@code $TMPDIR}, kept for the caller to read
 * and delete). A task's stderr is printed as usual.
 */
final class OutputFiles implements ResultSink {

    private final Console console;
    private final Path directory;
    private final boolean keepBytes;

    /** @param keepBytes whether to keep each task's bytes after writing them (for {@code --print-results}) */
    OutputFiles(Console console, Path directory, boolean keepBytes) {
        this.console = console;
        this.directory = directory;
        this.keepBytes = keepBytes;
    }

    @Override
    public void accept(Finished f) {
        ProcResult r = f.result();
        if (r.status() == Status.CANCELLED) {
            return;
        }
        Path file;
        try {
            file = Files.createTempFile(directory, "par", ".par");
            try (OutputStream out = Files.newOutputStream(file)) {
                OutputBytes bytes = r.stdoutBytes();
                if (bytes.size() > 0) {
                    bytes.writeTo(out);
                } else {
                    out.write(r.stdout().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing --files output for task " + f.input().key() + " failed: "
                    + e.getMessage(), e);
        }
        String err = r.stderrBytes().size() > 0 ? r.stderrBytes().text() : r.stderr();
        if (!keepBytes) {
            r.stdoutBytes().release();
            r.stderrBytes().release();
        }
        console.write(() -> {
            console.out.println(file);
            if (!err.isEmpty()) {
                console.err.print(err);
            }
        });
    }
}
