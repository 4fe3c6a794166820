package io.jconcurrent;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A command argument given as exact bytes, for values that are not necessarily text: a file name read
 * from {@code find} or from a file, which on Linux is any bytes but NUL. A {@link String} is sent to a
 * program as UTF-8, and a string decoded from invalid UTF-8 has lost the original bytes; a
 * {@code ByteArg} is sent as it is.
 *
 * <pre>{@code
 * byte[] name = {'c', 'a', 'f', (byte) 0xE9};          // "café" in Latin-1: not UTF-8
 * ProcRunMp.builder().command("touch").tasks(List.of(Task.of(1, ByteArg.of(name)))).build().runAll();
 * }</pre>
 *
 * <p>Accepted wherever a command takes an argument: as a task's {@linkplain Task#arg() arg}, as an
 * element of a list arg, and among a {@link Work.Command}'s fixed arguments (not as the program). With
 * direct spawning (Java 22+, native access enabled, as the CLI runs) the program receives the bytes
 * byte for byte. Through the JDK's launcher (Java 21, or {@code -Djconcurrent.spawn=jdk}) an argument
 * must be text in the JVM's argument encoding ({@code sun.jnu.encoding}, normally UTF-8): a
 * {@code ByteArg} that is not fails its task, with a cause saying so, rather than reaching the
 * program altered. A NUL byte cannot reach any program: a command argument holding one fails its task.
 * A function receives the {@code ByteArg} itself. The task's {@link ProcResult#arg()} is the arg as
 * given.
 *
 * <p>Immutable and thread-safe; equal when the bytes are equal; serializable, so it can travel to a
 * worker JVM.
 */
public final class ByteArg implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The argument's bytes: a copy, never shared with a caller. */
    private final byte[] bytes;

    private ByteArg(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The argument made of these bytes (copied).
     *
     * @param bytes the bytes
     * @return the argument
     * @throws NullPointerException if {@code bytes} is null
     */
    public static ByteArg of(byte[] bytes) {
        return new ByteArg(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /**
     * The argument made of {@code length} bytes of {@code bytes} from {@code offset} (copied).
     *
     * @param bytes  the array holding the bytes
     * @param offset where they start
     * @param length how many
     * @return the argument
     * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
     */
    public static ByteArg of(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(bytes, "bytes").length);
        return new ByteArg(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * {@return the argument made of the UTF-8 encoding of {@code text}: what a {@link String} argument sends}
     *
     * @param text the text
     */
    public static ByteArg utf8(String text) {
        return new ByteArg(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** {@return a copy of the bytes} */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** {@return the number of bytes} */
    public int length() {
        return bytes.length;
    }

    /**
     * {@return the byte at {@code index}}
     *
     * @param index from 0 to {@code length() - 1}
     */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /**
     * {@return the bytes decoded as UTF-8, invalid sequences replaced by U+FFFD} For showing, not for
     * passing on (the replacement loses the original bytes).
     */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@return the bytes in hexadecimal, two digits a byte, for messages about bytes that are not text} */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteArg other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
