package io.jconcurrent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Where tasks come from: the arguments after {@code :::}, or the lines of a file or of stdin (read
 * one line at a time, as the runner asks for the next task). A task's key is its sequence number.
 */
final class TaskSources {

    private TaskSources() {
    }

    /** One task per argument, in order. */
    static Iterator<TaskInput> ofArgs(List<String> args) {
        List<String> copy = List.copyOf(args);
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < copy.size();
            }

            @Override
            public TaskInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String arg = copy.get(i++);
                return new TaskInput(i, (long) i, arg);
            }
        };
    }

    /**
     * Opens {@code name} for reading as UTF-8 text (invalid bytes replaced); {@code -} is {@code stdin}.
     *
     * @throws UsageException if the file cannot be opened, naming it
     */
    static BufferedReader open(String name, InputStream stdin) throws UsageException {
        if (name.equals("-")) {
            return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new UsageException("cannot read " + name + ": it is a directory");
        }
        try {
            return new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            throw new UsageException("cannot read " + name + ": " + reason(e), e);
        }
    }

    /** One task per line, read lazily; the line without its line ending is the arg. */
    static Iterator<TaskInput> ofLines(BufferedReader reader, String name) {
        return new Iterator<>() {
            private String next;
            private boolean done;
            private long seq;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = reader.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading " + name + " failed: " + e.getMessage(), e);
                    }
                    if (next == null) {
                        done = true;
                        closeQuietly(reader);
                    }
                }
                return next != null;
            }

            @Override
            public TaskInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                seq++;
                return new TaskInput(seq, seq, line);
            }
        };
    }

    static String reason(Exception e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such file";
            case java.nio.file.AccessDeniedException x -> "permission denied";
            default -> String.valueOf(e.getMessage());
        };
    }

    private static void closeQuietly(BufferedReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // Nothing more is read from it; a failed close changes nothing.
        }
    }
}
