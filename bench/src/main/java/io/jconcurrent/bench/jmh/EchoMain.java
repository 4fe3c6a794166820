package io.jconcurrent.bench.jmh;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/** A child JVM that echoes each int it reads from stdin: the floor for one parent-to-JVM round trip. */
public final class EchoMain {

    private EchoMain() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        while (true) {
            int v;
            try {
                v = in.readInt();
            } catch (EOFException e) {
                return;
            }
            out.writeInt(v);
            out.flush();
        }
    }
}
