package io.jconcurrent.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One batch, as Java Flight Recorder records it: the event spans the batch from its start to its last
 * result, and counts how its tasks ended. See {@link FlightEvents}.
 */
@Name("io.jconcurrent.Batch")
@Label("Batch")
@Category("jconcurrent")
@Description("One jconcurrent batch, from its start to its last result")
@StackTrace(false)
final class BatchEvent extends jdk.jfr.Event {

    @Label("Batch")
    @Description("The batch's number in this JVM; its Task events carry it too")
    long batch;

    @Label("Work")
    String work;

    @Label("Workers")
    @Description("The cap on tasks running at once; 0 for none")
    int workers;

    @Label("Timeout")
    @Description("The batch's fixed time limit per task; 0 for none, or for a limit chosen per task")
    @Timespan(Timespan.NANOSECONDS)
    long timeout;

    @Label("Tasks")
    int tasks;

    @Label("Succeeded")
    int succeeded;

    @Label("Failed")
    int failed;

    @Label("Timed Out")
    int timedOut;

    @Label("Cancelled")
    int cancelled;

    @Label("Error")
    @Description("Why the batch itself failed (its task source threw), if it did")
    String error;
}
