package io.jconcurrent.internal.batch;

/**
 * The engine's one logger ({@code io.jconcurrent}): what goes wrong outside any task (a listener that
 * throws, a placement that fails to close). Made on first use: looking a logger up starts the JVM's
 * logging backend, tens of milliseconds that a fresh JVM's first batch should not pay when nothing is
 * logged.
 */
final class EngineLog {

    private EngineLog() {
    }

    /** Logs {@code message} with {@code cause} at WARNING. */
    static void warn(String message, Throwable cause) {
        Holder.LOG.log(System.Logger.Level.WARNING, message, cause);
    }

    private static final class Holder {
        static final System.Logger LOG = System.getLogger("io.jconcurrent");
    }
}
