package io.jconcurrent.internal.worker;

/** A worker JVM could not be started or could not load the function; the message says why. */
final class WorkerStartException extends Exception {

    private static final long serialVersionUID = 1L;

    WorkerStartException(String message) {
        super(message);
    }
}
