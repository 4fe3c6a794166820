package io.jconcurrent.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every task of one batch does and how, as data a member can check and run: a command's argv, or
 * a function's class name (on the members' class path) and its serializable fixed args.
 *
 * @param batchId          names the batch on every member
 * @param submitter        the submitting client's Hazelcast UUID (its batches stop when it leaves), or null
 * @param argv             a command's program and fixed args (strings or {@code ByteArg}s); null for a
 *                         function
 * @param functionClass    a {@code TaskFunction} class name; null for a command
 * @param fixedArgs        a function's fixed args; empty for a command
 * @param inWorkerJvm      whether a member runs the function in worker JVMs (else on its own threads)
 * @param killGraceMillis  SIGTERM to SIGKILL
 * @param output           where output goes and how much is kept
 * @param environment      extra environment for commands
 * @param directory        working directory on the member, or null for the member's own
 * @param workerJvmOptions options for worker JVMs
 */
record BatchSpec(UUID batchId, UUID submitter, List<Object> argv, String functionClass, List<Object> fixedArgs,
                 boolean inWorkerJvm, long killGraceMillis, OutputSpec output,
                 Map<String, String> environment, String directory, List<String> workerJvmOptions)
        implements Serializable {

    boolean isCommand() {
        return argv != null;
    }

    /** What the batch runs, for messages: the program or the function's class. */
    String what() {
        return isCommand() ? "command " + argv.getFirst() : "function " + functionClass;
    }
}
