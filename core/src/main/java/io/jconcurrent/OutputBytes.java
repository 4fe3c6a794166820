package io.jconcurrent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One stream of a task's output as the exact bytes it wrote, kept under {@link OutputPolicy.Bytes}:
 * {@link ProcResult#stdoutBytes()} and {@link ProcResult#stderrBytes()}. Under the other policies
 * both are {@link #empty()}.
 *
 * <p>The bytes may be partly in a temporary file (past the policy's in-memory part). Each read goes
 * through them again, so they can be read several times, from several threads, until
 * {@link #release()}, which frees the file; afterwards a read throws {@link IllegalStateException}.
 * Unreleased bytes are freed when no longer reachable. Serializing makes an in-memory copy.
 *
 * <pre>{@code
 * ProcResult r = ...; // from a batch with .output(OutputPolicy.bytes())
 * r.stdoutBytes().writeTo(System.out);   // byte for byte
 * r.stdoutBytes().release();
 * }</pre>
 *
 * <p>Thread-safety: may be read from any thread once its task has ended.
 */
public interface OutputBytes {

    /** {@return no bytes} */
    static OutputBytes empty() {
        return InMemoryBytes.EMPTY;
    }

    /**
     * {@return these bytes (copied), in memory}
     *
     * @param bytes the bytes
     */
    static OutputBytes of(byte[] bytes) {
        return bytes.length == 0 ? InMemoryBytes.EMPTY : new InMemoryBytes(bytes.clone());
    }

    /** {@return how many bytes are kept} */
    long size();

    /** {@return how many bytes the stream wrote beyond those kept (dropped by the policy's limit); 0 if none} */
    long omitted();

    /** {@return whether bytes were dropped: {@code omitted() > 0}} */
    default boolean truncated() {
        return omitted() > 0;
    }

    /**
     * Writes the kept bytes to {@code out}, as they were written. Does not flush or close {@code out}.
     *
     * @param out where the bytes go
     * @throws IOException if {@code out} fails, or the temporary file cannot be read
     * @throws IllegalStateException if released
     */
    void writeTo(OutputStream out) throws IOException;

    /**
     * A new stream over the kept bytes, from the first: for reading them piecewise (decoding them, say)
     * in bounded memory. Reading after {@link #release()} fails with an {@link IOException}.
     *
     * @return a new stream, which the caller closes
     * @throws IllegalStateException if released
     */
    InputStream openStream();

    /**
     * The kept bytes in one array.
     *
     * @return a new array
     * @throws IllegalStateException if released, or more than an array can hold
     * @throws UncheckedIOException if the temporary file cannot be read
     */
    byte[] toByteArray();

    /** {@return the kept bytes decoded as UTF-8, invalid bytes replaced by U+FFFD} */
    default String text() {
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    /** Frees the temporary file, if any, at once; repeat calls do nothing. */
    void release();
}
