package io.jconcurrent;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command's stdout and stderr go, and how much of them is kept in memory.
 *
 * <p>Both streams are always drained concurrently while the process runs, so no amount of output
 * can block it. In memory, each stream keeps at most {@code limitBytes}: the first half and the last
 * half of what was written, so both the start and the end (where errors usually are) survive.
 * Alternatively the output goes to files, in constant memory for any size.
 *
 * <pre>{@code
 * OutputPolicy.capture(1 << 20)                       // keep up to 1 MiB of each stream
 * OutputPolicy.toFiles(Path.of("logs"))               // logs/<key>.out and logs/<key>.err
 * }</pre>
 *
 * @param limitBytes per-stream cap for in-memory capture; {@link Long#MAX_VALUE} for no cap
 * @param directory  if non-null, each task's output goes to {@code <directory>/<key>.out} and
 *                   {@code .err} instead of memory
 */
public record OutputPolicy(long limitBytes, Path directory) {

    /** The default cap per stream: 8 MiB. */
    public static final long DEFAULT_LIMIT = 8L << 20;

    /** @throws IllegalArgumentException if {@code limitBytes} is less than 2 */
    public OutputPolicy {
        if (limitBytes < 2) {
            throw new IllegalArgumentException("output limit must be at least 2 bytes, got " + limitBytes);
        }
    }

    /** In memory, up to {@link #DEFAULT_LIMIT} per stream. */
    public static OutputPolicy defaults() {
        return new OutputPolicy(DEFAULT_LIMIT, null);
    }

    /** In memory, up to {@code limitBytes} per stream (head and tail kept). */
    public static OutputPolicy capture(long limitBytes) {
        return new OutputPolicy(limitBytes, null);
    }

    /** In memory, everything; a task that writes gigabytes needs that much heap. */
    public static OutputPolicy unlimited() {
        return new OutputPolicy(Long.MAX_VALUE, null);
    }

    /**
     * To files named after each task's key ({@code String.valueOf(key)} with {@code /} and NUL
     * replaced by {@code _}): {@code <directory>/<key>.out} and {@code <directory>/<key>.err}. The
     * directory is created if missing.
     */
    public static OutputPolicy toFiles(Path directory) {
        return new OutputPolicy(DEFAULT_LIMIT, Objects.requireNonNull(directory, "directory"));
    }
}
