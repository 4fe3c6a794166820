package io.jconcurrent.cluster;

import io.jconcurrent.Outcome;
import io.jconcurrent.TaskFunction;
import java.util.List;

/** A function members make by name that always throws a JDK exception with a cause. */
public final class Throwing implements TaskFunction {

    @Override
    public Outcome apply(Object key, List<Object> args) {
        throw new IllegalStateException("bad " + args.getLast(), new java.io.UncheckedIOException(
                new java.io.IOException("disk")));
    }
}
