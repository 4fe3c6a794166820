package io.jconcurrent.cluster;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

/** Which delivery failures mean the member is gone (so its tasks run elsewhere), not that the task failed. */
final class MemberLoss {

    private MemberLoss() {
    }

    static boolean isLoss(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TargetDisconnectedException || c instanceof MemberLeftException
                    || c instanceof TargetNotMemberException || c instanceof HazelcastInstanceNotActiveException
                    || c instanceof HazelcastClientNotActiveException || c instanceof IOException
                    || c instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** A short reason for logs and causes. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }
}
