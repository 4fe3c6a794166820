package io.jconcurrent.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How jconcurrent's messages travel: a Java-serialized record, sealed with the cluster secret's HMAC
 * (the 32 bytes before the body). A body is deserialized only after its HMAC checks, and then only
 * through a filter that admits the message records and plain JDK value types (plus the patterns a
 * member or submitter was given for function args, keys and answers): tasks travel as data, never as code.
 *
 * <p>Thread-safety: immutable.
 */
final class Wire {

    private static final int MAC_BYTES = 32;

    /** Classes every message may hold, as {@link ObjectInputFilter} patterns. */
    static final List<String> BASE_PATTERNS = List.of(
            "io.jconcurrent.cluster.BatchSpec", "io.jconcurrent.cluster.TaskMessage", "io.jconcurrent.cluster.TaskReply",
            "io.jconcurrent.cluster.Hello", "io.jconcurrent.cluster.StopOrder", "io.jconcurrent.cluster.Answer",
            "io.jconcurrent.cluster.OutputSpec", "io.jconcurrent.cluster.RemoteTaskException",
            "io.jconcurrent.cluster.Ended", "io.jconcurrent.cluster.Ended$Kind",
            "io.jconcurrent.cluster.RawCapture$Kept",
            "io.jconcurrent.ProcResult", "io.jconcurrent.Status", "io.jconcurrent.StopReason",
            "io.jconcurrent.Outcome", "io.jconcurrent.ByteArg", "io.jconcurrent.InMemoryBytes",
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Number",
            "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
            "java.lang.Double", "java.lang.Enum", "java.lang.Record", "java.lang.Throwable", "java.lang.Exception",
            "java.lang.RuntimeException", "java.lang.StackTraceElement",
            "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.ImmutableCollections$*", "java.util.CollSer", "java.util.Arrays$ArrayList",
            "java.util.Collections$*", "java.util.Map$Entry", "java.util.UUID",
            "java.time.*", "java.time.Ser");

    /** What the filter refused last on this thread, for the error message. */
    private static final ThreadLocal<String> REJECTED = new ThreadLocal<>();

    private final ClusterSecret secret;
    private final ObjectInputFilter filter;

    /**
     * @param secret        seals and checks every message
     * @param extraPatterns more classes to admit (for function args, keys and answers), in
     *                      {@link ObjectInputFilter.Config#createFilter} syntax, for example
     *                      {@code com.example.*}
     */
    Wire(ClusterSecret secret, List<String> extraPatterns) {
        this.secret = secret;
        StringBuilder sb = new StringBuilder("maxdepth=64;maxrefs=1000000;maxbytes=1073741824;maxarray=100000000;");
        for (String p : BASE_PATTERNS) {
            sb.append(p).append(';');
        }
        for (String p : extraPatterns) {
            sb.append(p).append(';');
        }
        sb.append("!*");
        ObjectInputFilter patterns = ObjectInputFilter.Config.createFilter(sb.toString());
        // Arrays of primitives and of admitted classes are checked by their component type.
        this.filter = info -> {
            Class<?> c = info.serialClass();
            while (c != null && c.isArray()) {
                c = c.getComponentType();
            }
            if (c != null && c.isPrimitive()) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            ObjectInputFilter.Status status = patterns.checkInput(new ComponentInfo(info, c));
            if (status == ObjectInputFilter.Status.REJECTED) {
                REJECTED.set(c == null ? "a limit (depth, size or references)" : c.getName());
            }
            return status;
        };
    }

    ClusterSecret secret() {
        return secret;
    }

    /** Serializes and seals a message. */
    byte[] seal(Serializable message) {
        byte[] sealed = serialize(message, MAC_BYTES);
        byte[] mac = secret.mac(Arrays.copyOfRange(sealed, MAC_BYTES, sealed.length));
        System.arraycopy(mac, 0, sealed, 0, MAC_BYTES);
        return sealed;
    }

    /** Seals a message written some other way ({@link Codec}). */
    byte[] sealBytes(byte[] body) {
        byte[] sealed = new byte[MAC_BYTES + body.length];
        System.arraycopy(secret.mac(body), 0, sealed, 0, MAC_BYTES);
        System.arraycopy(body, 0, sealed, MAC_BYTES, body.length);
        return sealed;
    }

    /**
     * Checks a message sealed with {@link #sealBytes} and returns its body.
     *
     * @throws SecurityException if its HMAC does not match this secret
     */
    byte[] openBytes(byte[] sealed) {
        if (sealed == null || sealed.length <= MAC_BYTES) {
            throw new SecurityException("a message without a seal was refused");
        }
        byte[] body = Arrays.copyOfRange(sealed, MAC_BYTES, sealed.length);
        if (!secret.verifies(Arrays.copyOf(sealed, MAC_BYTES), body)) {
            throw new SecurityException("a message not sealed with this cluster's secret was refused");
        }
        return body;
    }

    /**
     * Serializes a part of a message, unsealed: it travels inside a sealed one ({@link Codec}), so that
     * one part that cannot be read on the other side fails alone.
     *
     * @throws IllegalArgumentException if it cannot be serialized
     */
    byte[] encode(Serializable part) {
        return serialize(part, 0);
    }

    /**
     * Deserializes a part of a sealed message (see {@link #encode}) through the filter.
     *
     * @throws IllegalArgumentException if it holds a class the filter does not admit, or is malformed
     */
    <T> T decode(byte[] part, Class<T> type) {
        return deserialize(part, 0, type);
    }

    private static byte[] serialize(Serializable message, int offset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.write(new byte[offset], 0, offset);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + message.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Checks a sealed message and deserializes it as {@code type}.
     *
     * @throws SecurityException        if its HMAC does not match this secret
     * @throws IllegalArgumentException if it holds a class the filter does not admit, or is malformed
     */
    <T> T open(byte[] sealed, Class<T> type) {
        if (sealed == null || sealed.length <= MAC_BYTES) {
            throw new SecurityException("a message without a seal was refused");
        }
        if (!secret.verifies(Arrays.copyOf(sealed, MAC_BYTES), Arrays.copyOfRange(sealed, MAC_BYTES, sealed.length))) {
            throw new SecurityException("a message not sealed with this cluster's secret was refused");
        }
        return deserialize(sealed, MAC_BYTES, type);
    }

    private <T> T deserialize(byte[] bytes, int offset, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset,
                bytes.length - offset))) {
            in.setObjectInputFilter(filter);
            return type.cast(in.readObject());
        } catch (InvalidClassException e) {
            String what = REJECTED.get();
            REJECTED.remove();
            throw new IllegalArgumentException("a message held " + (what == null ? "a class" : what) + ", which this"
                    + " side does not accept (" + e.getMessage() + "); admit classes with --accept-class or"
                    + " acceptClasses", e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("a malformed message was refused: " + e, e);
        }
    }

    /** The filter info with arrays replaced by their component class. */
    private record ComponentInfo(ObjectInputFilter.FilterInfo info, Class<?> component)
            implements ObjectInputFilter.FilterInfo {
        @Override
        public Class<?> serialClass() {
            return component;
        }

        @Override
        public long arrayLength() {
            return info.arrayLength();
        }

        @Override
        public long depth() {
            return info.depth();
        }

        @Override
        public long references() {
            return info.references();
        }

        @Override
        public long streamBytes() {
            return info.streamBytes();
        }
    }
}
