package io.jconcurrent.cluster;

import io.jconcurrent.Outcome;
import io.jconcurrent.TaskFunction;
import java.util.List;

/** A function members make by name: answers {@code fixed:arg*arg}. */
public final class Square implements TaskFunction {

    @Override
    public Outcome apply(Object key, List<Object> args) {
        int n = ((Number) args.getLast()).intValue();
        return Outcome.ok(args.getFirst() + ":" + n * n);
    }
}
