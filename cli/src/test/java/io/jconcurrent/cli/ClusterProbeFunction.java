package io.jconcurrent.cli;

import io.jconcurrent.Outcome;
import io.jconcurrent.TaskFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A function that only members given the test classes have: it creates the file named by its fixed arg. */
public final class ClusterProbeFunction implements TaskFunction {

    @Override
    public Outcome apply(Object key, List<Object> args) throws Exception {
        Files.writeString(Path.of((String) args.getFirst()), "ran " + key);
        return Outcome.ok("ran");
    }
}
