package io.jconcurrent.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;

/**
 * One run of a task of a batch, as Java Flight Recorder records it: the event spans the attempt (from
 * when it was handed to its placement to its result), and carries its result's facts; a retried task
 * has one per attempt. Committed only while a
 * recording has it enabled; made and committed by {@link FlightEvents} only.
 */
@Name("io.jconcurrent.Task")
@Label("Task")
@Category("jconcurrent")
@Description("One run of a task of a jconcurrent batch, from when it was handed to its placement to its result")
@StackTrace(false)
public final class TaskEvent extends jdk.jfr.Event {

    @Label("Batch")
    @Description("The batch's number in this JVM, as in its Batch event")
    long batch;

    @Label("Key")
    String key;

    @Label("Work")
    @Description("command, function (worker JVM), function (in process) or async function")
    String work;

    @Label("Time Start")
    @Description("When the task started running, as in its result")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long timeStart;

    @Label("Time Run")
    @Description("How long the task ran, as in its result")
    @Timespan(Timespan.NANOSECONDS)
    long timeRun;

    @Label("Queue Wait")
    @Description("How long the task waited for a worker")
    @Timespan(Timespan.NANOSECONDS)
    long queueWait;

    @Label("Status")
    String status;

    @Label("Stop Reason")
    String stopReason;

    @Label("Return Code")
    @Description("A command's exit code; -1 for a function or a command that never ran")
    int returnCode;

    @Label("Process")
    @Description("The pid of the command, or of the worker JVM that ran the function; this JVM's for a"
            + " function run in process; -1 if it never started")
    long pid;

    @Label("Worker")
    @Description("The worker loop (thread) that ran the task in this JVM")
    String worker;

    @Label("Attempt")
    @Description("Which run of the task: 1 for its first, more when it was retried")
    int attempt;

    @Label("Cause")
    String cause;
}
