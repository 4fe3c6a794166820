package io.jconcurrent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * One input source of a run: the arguments after a {@code :::}, or the records of a file ({@code ::::}
 * or {@code -a}) or of stdin. A source whose {@code linked} flag is set ({@code :::+}, {@code ::::+})
 * is paired record by record with the source before it instead of multiplied with it.
 */
sealed interface InputSource permits InputSource.Args, InputSource.File {

    /** Whether this source is paired with the one before it. */
    boolean linked();

    /** Its records, from the start; a file is opened now. */
    Iterator<String> open(InputStream stdin, byte delimiter) throws UsageException;

    /** Its records, if they are known without reading anything; else null. */
    default List<String> known() {
        return null;
    }

    /** Values given on the command line after {@code :::} (raw strings). */
    record Args(List<String> values, boolean linked) implements InputSource {
        public Args {
            values = List.copyOf(values);
        }

        @Override
        public Iterator<String> open(InputStream stdin, byte delimiter) {
            return values.iterator();
        }

        @Override
        public List<String> known() {
            return values;
        }
    }

    /** A file's records; {@code -} is stdin. */
    record File(String name, boolean linked) implements InputSource {

        @Override
        public Iterator<String> open(InputStream stdin, byte delimiter) throws UsageException {
            if (name.equals("-")) {
                return new RecordReader(stdin, delimiter, "stdin");
            }
            String shown = RawText.toText(name);
            Path path;
            try {
                path = Path.of(shown); // the JDK opens paths by text: a name that is not UTF-8 is not found
            } catch (RuntimeException e) {
                throw new UsageException("cannot read " + shown + ": not a valid path");
            }
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read " + shown + ": it is a directory");
            }
            try {
                return new RecordReader(Files.newInputStream(path), delimiter, shown);
            } catch (IOException | SecurityException e) {
                throw new UsageException("cannot read " + shown + ": " + TaskSources.reason(e), e);
            }
        }
    }
}
