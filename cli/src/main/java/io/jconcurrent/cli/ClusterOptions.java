package io.jconcurrent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --cluster h:p,...} and its companions: where a batch runs when not (only) here. Plain values;
 * the cluster module is loaded only when a batch actually runs on a cluster.
 *
 * @param addresses    members to connect to
 * @param includeLocal whether this machine runs tasks too ({@code --cluster-include-local})
 * @param name         the cluster's name, or null for the default
 * @param secretFile   the shared secret's file, or null (loopback only)
 */
record ClusterOptions(List<String> addresses, boolean includeLocal, String name, Path secretFile) {

    /** Splits {@code h:p,h:p}; each must be {@code host:port}. */
    static List<String> addresses(String list) {
        List<String> out = new ArrayList<>();
        for (String a : list.split(",")) {
            String t = a.strip();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1 || !t.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("address '" + t + "' is not host:port");
            }
            out.add(t);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no address given (expected host:port,...)");
        }
        return List.copyOf(out);
    }
}
