package io.jconcurrent.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * The one thing a submitter sends a member through Hazelcast's executor: a kind and a sealed message
 * (see {@link Wire}). It is written with Hazelcast's own data format, so Hazelcast never runs Java
 * deserialization for it; the member checks the seal before it reads the message.
 */
final class MemberCall implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {

    static final int FACTORY_ID = 0x6A63; // "jc"
    static final int CLASS_ID = 1;

    /** What the sealed message is. */
    enum Kind { HELLO, OPEN, EXCHANGE, STOP, PING }

    private Kind kind;
    private byte[] sealed;
    private transient HazelcastInstance instance;

    MemberCall() {
    }

    MemberCall(Kind kind, byte[] sealed) {
        this.kind = kind;
        this.sealed = sealed;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.instance = instance;
    }

    /** Runs on the member: hands the message to its engine; an EXCHANGE may wait for a result. */
    @Override
    public byte[] call() throws Exception {
        MemberEngine engine = MemberEngine.of(instance);
        return engine.handle(kind, sealed);
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(kind.ordinal());
        out.writeByteArray(sealed);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int k = in.readByte();
        Kind[] kinds = Kind.values();
        if (k < 0 || k >= kinds.length) {
            throw new IOException("unknown message kind " + k);
        }
        kind = kinds[k];
        sealed = in.readByteArray();
    }

    /** Makes {@link MemberCall}s from Hazelcast's data format, on members and submitters. */
    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int classId) {
            return classId == CLASS_ID ? new MemberCall() : null;
        }
    }
}
