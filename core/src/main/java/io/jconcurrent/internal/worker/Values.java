package io.jconcurrent.internal.worker;

import io.jconcurrent.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.InputStream;

/**
 * Encodes the values that cross between parent and worker for every task (key, arg, outcome,
 * exception). The common cases, null, {@link Integer}, {@link Long}, {@link String}, {@link Boolean},
 * {@link Double} and {@link Outcome} made of them, take a byte or a few; anything else is
 * Java-serialized. Java serialization costs tens of microseconds per object graph, which for small
 * tasks is most of a task's overhead.
 */
final class Values {

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte STRING = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte DOUBLE = 6;
    private static final byte OUTCOME = 7;
    private static final byte SERIALIZED = 8;

    private Values() {
    }

    /** Writes {@code values} in order. @throws java.io.NotSerializableException naming a class that cannot travel */
    static byte[] encode(Object... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        for (Object v : values) {
            write(out, v);
        }
        out.flush();
        return bytes.toByteArray();
    }

    // An instanceof chain rather than a pattern switch: a type switch bootstraps through invokedynamic,
    // which costs a worker JVM milliseconds at start.
    private static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (b.length > 0 && !s.equals(new String(b, java.nio.charset.StandardCharsets.UTF_8))) {
                serialized(out, s); // unpaired surrogates do not survive UTF-8
                return;
            }
            out.writeByte(STRING);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Boolean z) {
            out.writeByte(z ? TRUE : FALSE);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Outcome o) {
            out.writeByte(OUTCOME);
            out.writeBoolean(o.success());
            write(out, o.answer());
        } else {
            serialized(out, v);
        }
    }

    private static void serialized(DataOutputStream out, Object v) throws IOException {
        byte[] b = serialize(v);
        out.writeByte(SERIALIZED);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Whether {@code v} travels without Java serialization. */
    static boolean isSimple(Object v) {
        return v == null || v instanceof Integer || v instanceof Long || v instanceof String || v instanceof Boolean
                || v instanceof Double || (v instanceof Outcome o && isSimple(o.answer()));
    }

    /** Reads {@code count} values written by {@link #encode}, resolving classes through {@code loader} first. */
    static Object[] decode(byte[] b, int off, int len, int count, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, off, len));
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            values[i] = read(in, loader);
        }
        return values;
    }

    private static Object read(DataInputStream in, ClassLoader loader) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case STRING -> {
                byte[] s = new byte[in.readInt()];
                in.readFully(s);
                yield new String(s, java.nio.charset.StandardCharsets.UTF_8);
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case OUTCOME -> new Outcome(in.readBoolean(), read(in, loader));
            case SERIALIZED -> {
                byte[] s = new byte[in.readInt()];
                in.readFully(s);
                yield deserialize(s, 0, s.length, loader);
            }
            default -> throw new IOException("corrupt value (tag " + tag + ")");
        };
    }

    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** Reads a serialized object, resolving classes through {@code loader} first (the caller's, not ours). */
    static Object deserialize(byte[] b, int off, int len, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(b, off, len), loader)) {
            return in.readObject();
        }
    }

    /** Why an object could not be serialized, naming the class at fault. */
    static String describe(Throwable e) {
        if (e instanceof java.io.NotSerializableException) {
            return "class " + e.getMessage() + " is not Serializable";
        }
        return e.toString();
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default lookup (primitives, the platform's classes)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
