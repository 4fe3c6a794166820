package io.jconcurrent.internal.batch;

import io.jconcurrent.ProcResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A batch's results by input position. Slots are added by one thread at a time (the one pulling from
 * the task source) and filled by any, without a lock: each worker writes only its own task's slot.
 * Slots live in fixed-size chunks, so a lazy source of unknown length never makes the results be
 * copied while the batch runs. A batch that does not retain its results only counts its slots.
 */
final class ResultSlots {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(ProcResult[].class);

    private final boolean retain;
    /** Replaced, never changed in place, when a chunk is added: readers see whole chunks. */
    private volatile ProcResult[][] chunks = new ProcResult[0][];
    /** Slots added so far; written only by the adding thread. */
    private int size;

    /** @param retain whether results are kept (else {@link #set} drops them and the lists are empty) */
    ResultSlots(boolean retain) {
        this.retain = retain;
    }

    /** Adds the next slot and returns its position; one thread at a time. */
    int add() {
        int slot = size;
        if (retain && (slot & (CHUNK - 1)) == 0) {
            ProcResult[][] c = chunks;
            ProcResult[][] grown = Arrays.copyOf(c, c.length + 1);
            grown[c.length] = new ProcResult[CHUNK];
            chunks = grown;
        }
        size = slot + 1;
        return slot;
    }

    /** Slots added so far; for the adding thread. */
    int size() {
        return size;
    }

    /** Fills slot {@code slot}, which {@link #add()} made; from any thread. */
    void set(int slot, ProcResult result) {
        if (!retain) {
            return;
        }
        SLOT.setRelease(chunks[slot >>> CHUNK_BITS], slot & (CHUNK - 1), result);
    }

    /** The results filled so far, in input order; safe while slots are still being filled. */
    List<ProcResult> soFar() {
        List<ProcResult> out = new ArrayList<>();
        for (ProcResult[] chunk : chunks) {
            for (int i = 0; i < chunk.length; i++) {
                ProcResult r = (ProcResult) SLOT.getAcquire(chunk, i);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every slot's result, in input order, as an unmodifiable list; the caller must have seen every
     * {@link #add()} and {@link #set} happen before (the batch's last worker, once all others ended).
     */
    List<ProcResult> all() {
        if (!retain) {
            return List.of();
        }
        ProcResult[] out = new ProcResult[size];
        ProcResult[][] c = chunks;
        for (int i = 0, pos = 0; pos < size; i++, pos += CHUNK) {
            System.arraycopy(c[i], 0, out, pos, Math.min(CHUNK, size - pos));
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }
}
