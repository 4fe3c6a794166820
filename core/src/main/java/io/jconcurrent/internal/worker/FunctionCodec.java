package io.jconcurrent.internal.worker;

import io.jconcurrent.TaskFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sends the function and its fixed args to a worker. A lambda or method reference whose captured
 * values are simple (see {@link Values}) goes as the fields of its {@link SerializedLambda} and is
 * rebuilt in the worker through its capturing class's {@code $deserializeLambda$}, exactly what Java
 * deserialization would do, but without {@code ObjectInputStream}, whose first use costs a fresh JVM
 * tens of milliseconds. Anything else goes Java-serialized.
 */
final class FunctionCodec {

    private static final byte LAMBDA = 1;
    private static final byte SERIALIZED = 2;

    private FunctionCodec() {
    }

    /** The INIT payload: the function, then the fixed args one value each. */
    static byte[] encode(TaskFunction fn, List<Object> fixedArgs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        SerializedLambda lambda = simpleLambda(fn);
        if (lambda != null) {
            out.writeByte(LAMBDA);
            out.writeUTF(lambda.getCapturingClass());
            out.writeUTF(lambda.getFunctionalInterfaceClass());
            out.writeUTF(lambda.getFunctionalInterfaceMethodName());
            out.writeUTF(lambda.getFunctionalInterfaceMethodSignature());
            out.writeInt(lambda.getImplMethodKind());
            out.writeUTF(lambda.getImplClass());
            out.writeUTF(lambda.getImplMethodName());
            out.writeUTF(lambda.getImplMethodSignature());
            out.writeUTF(lambda.getInstantiatedMethodType());
            out.writeInt(lambda.getCapturedArgCount());
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                writeValue(out, lambda.getCapturedArg(i));
            }
        } else {
            out.writeByte(SERIALIZED);
            writeValue(out, fn);
        }
        out.writeInt(fixedArgs.size());
        for (Object a : fixedArgs) {
            writeValue(out, a);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** What {@link #decode} returns. */
    record Loaded(TaskFunction fn, List<Object> fixedArgs) {
    }

    static Loaded decode(byte[] b, ClassLoader loader) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        TaskFunction fn;
        if (in.readByte() == LAMBDA) {
            String capturing = in.readUTF();
            String iface = in.readUTF();
            String ifaceMethod = in.readUTF();
            String ifaceSignature = in.readUTF();
            int kind = in.readInt();
            String implClass = in.readUTF();
            String implMethod = in.readUTF();
            String implSignature = in.readUTF();
            String instantiated = in.readUTF();
            Object[] captured = new Object[in.readInt()];
            for (int i = 0; i < captured.length; i++) {
                captured[i] = readValue(in, loader);
            }
            Class<?> capturingClass = Class.forName(capturing.replace('/', '.'), false, loader);
            SerializedLambda lambda = new SerializedLambda(capturingClass, iface, ifaceMethod, ifaceSignature, kind,
                    implClass, implMethod, implSignature, instantiated, captured);
            Method rebuild = capturingClass.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            rebuild.setAccessible(true);
            try {
                fn = (TaskFunction) rebuild.invoke(null, lambda);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        } else {
            fn = (TaskFunction) readValue(in, loader);
        }
        List<Object> fixed = new ArrayList<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            fixed.add(readValue(in, loader));
        }
        return new Loaded(fn, Collections.unmodifiableList(fixed));
    }

    /** Whether {@code fn} travels as a lambda's fields, without Java serialization. */
    static boolean travelsAsLambda(TaskFunction fn) {
        return simpleLambda(fn) != null;
    }

    /**
     * The lambda's serialized form if it is a lambda whose captured values are all simple and whose
     * capturing class lets us call {@code $deserializeLambda$}; else null (Java serialization it is).
     */
    private static SerializedLambda simpleLambda(TaskFunction fn) {
        try {
            Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (!(writeReplace.invoke(fn) instanceof SerializedLambda lambda)) {
                return null;
            }
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                if (!Values.isSimple(lambda.getCapturedArg(i))) {
                    return null;
                }
            }
            Class<?> capturing = Class.forName(lambda.getCapturingClass().replace('/', '.'), false,
                    fn.getClass().getClassLoader());
            capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class).setAccessible(true);
            return lambda;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not a lambda, or not ours to open: Java serialization handles it
        }
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        byte[] b = Values.encode(v);
        out.writeInt(b.length);
        out.write(b);
    }

    private static Object readValue(DataInputStream in, ClassLoader loader) throws IOException, ClassNotFoundException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return Values.decode(b, 0, b.length, 1, loader)[0];
    }
}
