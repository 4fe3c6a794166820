package io.jconcurrent.cluster;

import io.jconcurrent.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How exchanges and their results are written: a compact binary layout of their own (numbers, strings,
 * byte arrays, and as values: strings, ints, longs and lists of values), sealed once per message
 * ({@link Wire#sealBytes}). Only values that are none of these (other args, keys and answers of
 * functions, an exception) are Java-serialized, each on its own and
 * read through {@link Wire}'s filter, so that a task or a result that cannot be read fails alone and the
 * rest of its message still arrives. (Java serialization of every part cost a member more CPU than
 * anything else it does per task, most of it reading class descriptors.)
 *
 * <p>Thread-safety: immutable.
 */
final class Codec {

    /** 2: a task carries its key (null for a command) after its arg. */
    private static final int FORMAT = 2;
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LIST = 2;
    private static final byte SERIALIZED = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;

    private final Wire wire;

    Codec(Wire wire) {
        this.wire = wire;
    }

    /** Where a task that cannot be read on the member goes: answered at once, with the reason. */
    interface Unreadable {
        void task(long seq, int attempt, IllegalArgumentException why);
    }

    /** A result as the submitter reads it: its end, or why it cannot be read here. */
    record Received(long seq, int attempt, Ended end, RuntimeException unreadable) {
    }

    /**
     * Writes and seals an exchange. A task whose arg cannot be written is left out and handed to
     * {@code refused} with the reason.
     */
    byte[] exchange(UUID batchId, long[] acks, List<TaskMessage> tasks,
                    java.util.function.BiConsumer<TaskMessage, IllegalArgumentException> refused) {
        Buffer b = new Buffer();
        DataOutputStream out = new DataOutputStream(b);
        try {
            out.writeByte(FORMAT);
            out.writeLong(batchId.getMostSignificantBits());
            out.writeLong(batchId.getLeastSignificantBits());
            out.writeInt(acks.length);
            for (long a : acks) {
                out.writeLong(a);
            }
            int countAt = b.size();
            out.writeInt(0);
            int count = 0;
            for (TaskMessage m : tasks) {
                int at = b.size();
                try {
                    out.writeLong(m.seq());
                    out.writeInt(m.attempt());
                    out.writeLong(m.timeoutMillis());
                    out.writeLong(m.killGraceMillis());
                    writePart(out, m.arg(), "arg");
                    writePart(out, m.key(), "key");
                    count++;
                } catch (IllegalArgumentException e) {
                    b.truncate(at);
                    refused.accept(m, e);
                }
            }
            b.putInt(countAt, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by a byte array
        }
        return wire.sealBytes(b.toByteArray());
    }

    /**
     * Checks and reads an exchange, on the member. A task whose arg cannot be read here is answered at
     * once through {@code unreadable}.
     *
     * @throws SecurityException        if it is not sealed with this cluster's secret
     * @throws IllegalArgumentException if it is malformed
     */
    Exchange readExchange(byte[] sealed, Unreadable unreadable) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire.openBytes(sealed)));
        try {
            format(in);
            UUID batchId = new UUID(in.readLong(), in.readLong());
            long[] acks = new long[count(in)];
            for (int i = 0; i < acks.length; i++) {
                acks[i] = in.readLong();
            }
            int n = count(in);
            List<TaskMessage> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long seq = in.readLong();
                int attempt = in.readInt();
                long timeout = in.readLong();
                long grace = in.readLong();
                Object arg = null;
                Object key = null;
                IllegalArgumentException bad = null;
                try {
                    arg = readValue(in);
                } catch (IllegalArgumentException e) {
                    bad = new IllegalArgumentException("the task's arg cannot be read here: " + e.getMessage(), e);
                }
                try {
                    key = readValue(in); // read even after a bad arg, so that the next task stays readable
                } catch (IllegalArgumentException e) {
                    bad = bad != null ? bad
                            : new IllegalArgumentException("the task's key cannot be read here: " + e.getMessage(), e);
                }
                if (bad != null) {
                    unreadable.task(seq, attempt, bad);
                    continue;
                }
                tasks.add(new TaskMessage(batchId, seq, attempt, key, arg, timeout, grace));
            }
            return new Exchange(batchId, acks, tasks);
        } catch (IOException e) {
            throw new IllegalArgumentException("a malformed exchange was refused: " + e, e);
        }
    }

    /**
     * Writes and seals a member's results. An end that cannot be written (an answer that is not
     * serializable) goes as {@code unwritable} makes it.
     */
    byte[] results(List<Outbox.Item> items,
                   java.util.function.BiFunction<Ended, IllegalArgumentException, Ended> unwritable) {
        Buffer b = new Buffer();
        DataOutputStream out = new DataOutputStream(b);
        try {
            out.writeByte(FORMAT);
            out.writeInt(items.size());
            for (Outbox.Item item : items) {
                out.writeLong(item.seq());
                out.writeInt(item.attempt());
                int at = b.size();
                try {
                    writeEnd(out, item.end());
                } catch (IllegalArgumentException e) {
                    b.truncate(at);
                    writeEnd(out, unwritable.apply(item.end(), e));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wire.sealBytes(b.toByteArray());
    }

    /**
     * Checks and reads a member's results, on the submitter.
     *
     * @throws SecurityException        if they are not sealed with this cluster's secret
     * @throws IllegalArgumentException if they are malformed
     */
    List<Received> readResults(byte[] sealed) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire.openBytes(sealed)));
        try {
            format(in);
            int n = count(in);
            List<Received> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long seq = in.readLong();
                int attempt = in.readInt();
                try {
                    out.add(new Received(seq, attempt, readEnd(in), null));
                } catch (UnreadableValue e) {
                    out.add(new Received(seq, attempt, null, e.cause));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed results were refused: " + e, e);
        }
    }

    // An end: present, kind, exit code, text, exception, outcome, flags, run time, output.

    private void writeEnd(DataOutputStream out, Ended e) throws IOException {
        if (e == null) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        out.writeByte(e.kind().ordinal());
        out.writeInt(e.exitCode());
        writeString(out, e.text());
        writeValue(out, e.exception());
        out.writeBoolean(e.outcome() != null);
        if (e.outcome() != null) {
            out.writeBoolean(e.outcome().success());
            writeValue(out, e.outcome().answer());
        }
        out.writeBoolean(e.timedOut());
        out.writeBoolean(e.cancelled());
        out.writeLong(e.runNanos());
        writeKept(out, e.stdout());
        writeKept(out, e.stderr());
    }

    /** Reads an end; one whose exception or answer cannot be read here is skipped whole (UnreadableValue). */
    private Ended readEnd(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int k = in.readByte();
        Ended.Kind[] kinds = Ended.Kind.values();
        if (k < 0 || k >= kinds.length) {
            throw new IOException("unknown end kind " + k);
        }
        int exit = in.readInt();
        String text = readString(in);
        IllegalArgumentException bad = null;
        Object exception = null;
        try {
            exception = readValue(in);
        } catch (IllegalArgumentException e) {
            bad = e;
        }
        Outcome outcome = null;
        if (in.readBoolean()) {
            boolean success = in.readBoolean();
            try {
                outcome = new Outcome(success, readValue(in));
            } catch (IllegalArgumentException e) {
                bad = e;
            }
        }
        boolean timedOut = in.readBoolean();
        boolean cancelled = in.readBoolean();
        long run = in.readLong();
        RawCapture.Kept stdout = readKept(in);
        RawCapture.Kept stderr = readKept(in);
        if (bad != null) {
            throw new UnreadableValue(bad);
        }
        if (exception != null && !(exception instanceof Throwable)) {
            throw new IOException("an end's exception is a " + exception.getClass().getName());
        }
        return new Ended(kinds[k], exit, text, (Throwable) exception, outcome, timedOut, cancelled, run, stdout,
                stderr);
    }

    private static void writeKept(DataOutputStream out, RawCapture.Kept k) throws IOException {
        writeBytes(out, k.head());
        out.writeLong(k.dropped());
        writeBytes(out, k.tail());
    }

    private static RawCapture.Kept readKept(DataInputStream in) throws IOException {
        byte[] head = readBytes(in);
        long dropped = in.readLong();
        byte[] tail = readBytes(in);
        return head.length == 0 && dropped == 0 && tail.length == 0 ? RawCapture.Kept.NOTHING
                : new RawCapture.Kept(head, dropped, tail);
    }

    /** A task's arg or key; one that cannot be written says which it is. */
    private void writePart(DataOutputStream out, Object v, String what) throws IOException {
        try {
            writeValue(out, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + what + " cannot travel: " + e.getMessage(), e);
        }
    }

    // Values: strings, ints, longs and lists of values as themselves, anything else Java-serialized on its own.

    private void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (v instanceof Integer i) { // the usual key, and a usual arg: no serialization for it
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long n) {
            out.writeByte(LONG);
            out.writeLong(n);
        } else if (v instanceof List<?> l && (v instanceof ArrayList || l.getClass().getName().startsWith(
                "java.util.ImmutableCollections$"))) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (Object e : l) {
                writeValue(out, e);
            }
        } else if (v instanceof Serializable s) {
            out.writeByte(SERIALIZED);
            writeBytes(out, wire.encode(s)); // IllegalArgumentException if it cannot be
        } else {
            throw new IllegalArgumentException(v.getClass().getName() + " is not serializable");
        }
    }

    private Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> readString(in);
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case LIST -> {
                int n = count(in);
                List<Object> l = new ArrayList<>(n);
                IllegalArgumentException bad = null;
                for (int i = 0; i < n; i++) {
                    try {
                        l.add(readValue(in));
                    } catch (IllegalArgumentException e) {
                        bad = e; // read on, so that the rest of the message stays readable
                    }
                }
                if (bad != null) {
                    throw bad;
                }
                yield l;
            }
            case SERIALIZED -> wire.decode(readBytes(in), Object.class);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > in.available()) {
            throw new IOException("a length of " + n + " past the message's end");
        }
        return in.readNBytes(n);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a count of " + n + " past the message's end");
        }
        return n;
    }

    private static void format(DataInputStream in) throws IOException {
        int f = in.readByte();
        if (f != FORMAT) {
            throw new IOException("format " + f + " (this side reads " + FORMAT + ")");
        }
    }

    /** A value in an end that cannot be read here; the end is skipped whole. */
    private static final class UnreadableValue extends IOException {
        final IllegalArgumentException cause;

        UnreadableValue(IllegalArgumentException cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }

    /** A byte array output that can go back to a mark and patch a count. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        void truncate(int size) {
            count = size;
        }

        void putInt(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }
    }
}
