package io.jconcurrent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/** {@link OutputBytes} held in one array: small output, and the form that is serialized. */
final class InMemoryBytes implements OutputBytes, Serializable {

    private static final long serialVersionUID = 1L;

    static final InMemoryBytes EMPTY = new InMemoryBytes(new byte[0]);

    private final byte[] bytes;

    InMemoryBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public long omitted() {
        return 0;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public void release() {
        // nothing to free
    }

    @Override
    public String toString() {
        return "OutputBytes[" + bytes.length + " bytes]";
    }
}
