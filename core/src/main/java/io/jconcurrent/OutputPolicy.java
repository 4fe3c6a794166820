package io.jconcurrent;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a task's stdout and stderr go, and how much of them is kept: as text in memory
 * ({@link Capture}), as exact bytes in bounded memory ({@link Bytes}), or in files ({@link ToFiles}).
 * Applies to commands, and to functions in worker JVMs (what they print).
 *
 * <p>Both streams are always drained concurrently while the process runs, so no amount of output
 * can block it.
 *
 * <pre>{@code
 * OutputPolicy.capture(1 << 20)          // text: keep up to 1 MiB of each stream (head and tail)
 * OutputPolicy.bytes()                   // exact bytes, whole, in bounded memory (temporary files)
 * OutputPolicy.toFiles(Path.of("logs"))  // logs/<key>.out and logs/<key>.err
 * }</pre>
 *
 * <p>Policies are immutable values, safe to share between batches and threads.
 */
public sealed interface OutputPolicy permits OutputPolicy.Capture, OutputPolicy.Bytes, OutputPolicy.ToFiles {

    /** The default cap per stream for text capture: 8 MiB. */
    long DEFAULT_LIMIT = 8L << 20;

    /** The default in-memory part of each stream under {@link Bytes}: 64 KiB, one pipe's worth. */
    int DEFAULT_MEMORY_BYTES = 64 << 10;

    /** {@return text in memory, up to {@link #DEFAULT_LIMIT} per stream (the default of every runner)} */
    static OutputPolicy defaults() {
        return new Capture(DEFAULT_LIMIT);
    }

    /**
     * Text in memory, up to {@code limitBytes} per stream (head and tail kept).
     *
     * @param limitBytes the cap per stream, at least 2
     * @return the policy
     * @throws IllegalArgumentException if {@code limitBytes} is less than 2
     */
    static OutputPolicy capture(long limitBytes) {
        return new Capture(limitBytes);
    }

    /** {@return text in memory, everything; a task that writes gigabytes needs that much heap} */
    static OutputPolicy unlimited() {
        return new Capture(Long.MAX_VALUE);
    }

    /**
     * Each stream's exact bytes, whole, in {@link ProcResult#stdoutBytes()} and
     * {@link ProcResult#stderrBytes()}: the first 64 KiB in memory, the rest in a temporary file (see
     * {@link Bytes}).
     *
     * @return the policy
     */
    public static OutputPolicy bytes() {
        return new Bytes(Long.MAX_VALUE, DEFAULT_MEMORY_BYTES);
    }

    /**
     * As {@link #bytes()}, keeping only the first {@code limitBytes} of each stream.
     *
     * @param limitBytes bytes kept per stream, at least 0
     * @return the policy
     * @throws IllegalArgumentException if {@code limitBytes} is negative
     */
    public static OutputPolicy bytes(long limitBytes) {
        return new Bytes(limitBytes, DEFAULT_MEMORY_BYTES);
    }

    /**
     * To files named after each task's key: {@code <directory>/<name>.out} and {@code .err}, where
     * the name is {@code String.valueOf(key)} with {@code %}, {@code /} and NUL written as {@code %25},
     * {@code %2F} and {@code %00}, so that two keys never share a file (keys that print alike are
     * refused before they run). The directory is created if missing.
     *
     * {@snippet file="io/jconcurrent/ApiExamplesTest.java" region="to-files"}
     *
     * @param directory where the files go
     * @return the policy
     * @throws NullPointerException if {@code directory} is null
     */
    static OutputPolicy toFiles(Path directory) {
        return new ToFiles(directory);
    }

    /**
     * Text in memory. Each stream keeps at most {@code limitBytes}: the first half and the last half
     * of what was written, so both the start and the end (where errors usually are) survive, with a
     * line {@code [jconcurrent: N bytes omitted]} between them and the stream's {@code truncated} flag
     * set. Text is decoded as UTF-8, invalid bytes replaced by U+FFFD. The result's byte fields are
     * empty.
     *
     * @param limitBytes per-stream cap; {@link Long#MAX_VALUE} for none
     */
    record Capture(long limitBytes) implements OutputPolicy {
        /**
         * Checks the limit.
         *
         * @throws IllegalArgumentException if {@code limitBytes} is less than 2
         */
        public Capture {
            if (limitBytes < 2) {
                throw new IllegalArgumentException("output limit must be at least 2 bytes, got " + limitBytes);
            }
        }
    }

    /**
     * Exact bytes, for output that must be passed on unaltered (binary data, text in any encoding), in
     * bounded memory: the first {@code memoryBytes} of each stream are kept in memory and the rest in
     * a temporary file that only its owner can read, removed from the directory as soon as it is
     * created (so nothing is left behind even if the JVM is killed) and freed by
     * {@link OutputBytes#release()} or when the result is no longer reachable. At most
     * {@code limitBytes} of each stream are kept: the first ones; the stream's {@code truncated} flag
     * and {@link OutputBytes#omitted()} say how many more were written. The result's text fields are
     * empty (decode with {@link OutputBytes#text()} where wanted).
     *
     * @param limitBytes  bytes kept per stream; {@link Long#MAX_VALUE} for all
     * @param memoryBytes bytes of each stream kept in memory before the rest goes to a file
     */
    record Bytes(long limitBytes, int memoryBytes) implements OutputPolicy {
        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException if {@code limitBytes} or {@code memoryBytes} is negative
         */
        public Bytes {
            if (limitBytes < 0) {
                throw new IllegalArgumentException("output limit must be at least 0 bytes, got " + limitBytes);
            }
            if (memoryBytes < 0) {
                throw new IllegalArgumentException("in-memory output must be at least 0 bytes, got " + memoryBytes);
            }
        }
    }

    /**
     * To files, in constant memory for any size; they hold exactly what was written. The result's
     * text and byte fields are empty.
     *
     * @param directory where {@code <name>.out} and {@code <name>.err} go (see {@link #toFiles})
     */
    record ToFiles(Path directory) implements OutputPolicy {
        /**
         * Checks the directory.
         *
         * @throws NullPointerException if {@code directory} is null
         */
        public ToFiles {
            Objects.requireNonNull(directory, "directory");
        }

        /**
         * {@return the file a task's stdout goes to: {@code <directory>/<name>.out}}
         *
         * @param key the task's key
         */
        public Path stdoutFile(Object key) {
            return directory.resolve(fileName(key) + ".out");
        }

        /**
         * {@return the file a task's stderr goes to: {@code <directory>/<name>.err}}
         *
         * @param key the task's key
         */
        public Path stderrFile(Object key) {
            return directory.resolve(fileName(key) + ".err");
        }

        /** {@code String.valueOf(key)} with {@code %}, {@code /} and NUL escaped: one name per printed form. */
        private static String fileName(Object key) {
            String s = String.valueOf(key);
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                String escaped = c == '%' ? "%25" : c == '/' ? "%2F" : c == '\0' ? "%00" : null;
                if (escaped != null && sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                if (sb != null) {
                    if (escaped != null) {
                        sb.append(escaped);
                    } else {
                        sb.append(c);
                    }
                }
            }
            return sb == null ? s : sb.toString();
        }
    }
}
