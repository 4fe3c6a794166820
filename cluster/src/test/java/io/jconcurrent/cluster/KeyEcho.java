package io.jconcurrent.cluster;

import io.jconcurrent.Outcome;
import io.jconcurrent.TaskFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A function members make by name that answers with the key it was called with, its class and its args.
 * With a directory as its first arg, it fails the first run under each key (it leaves a file named by
 * the key there) and succeeds the next, so that a retry shows which key the run saw.
 */
public final class KeyEcho implements TaskFunction {

    @Override
    public Outcome apply(Object key, List<Object> args) throws Exception {
        String answer = key + " " + key.getClass().getName() + " " + args;
        if (args.getFirst() instanceof String s && s.startsWith("/")) {
            Path seen = Path.of(s, String.valueOf(key));
            if (!Files.exists(seen)) {
                Files.createFile(seen);
                return Outcome.failed("first run: " + answer);
            }
        }
        return Outcome.ok(answer);
    }
}
