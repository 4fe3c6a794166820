package io.jconcurrent.cluster;

import java.io.Serial;

/**
 * An exception a task threw on a cluster member, brought back as its class name, message and stack
 * trace (the exception's own class need not exist on the submitter, and is never deserialized).
 */
public final class RemoteTaskException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String remoteClass;

    RemoteTaskException(Throwable original) {
        super(original.getClass().getName() + (original.getMessage() == null ? "" : ": " + original.getMessage()),
                original.getCause() == null || original.getCause() == original ? null
                        : new RemoteTaskException(original.getCause()), false, true);
        this.remoteClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** The name of the exception's class on the member. */
    public String remoteClass() {
        return remoteClass;
    }
}
