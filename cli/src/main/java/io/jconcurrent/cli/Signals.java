package io.jconcurrent.cli;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP: the first one stops the run in order (every running process tree is
 * killed, finished results are already written, the exit status is 128 + the signal's number); a
 * second one, or one that arrives while no batch runs, exits at once (the engine's shutdown hook still
 * kills whatever runs).
 */
final class Signals {

    /** How long an orderly stop may take before the CLI exits regardless. */
    private static final long STOP_LIMIT_MILLIS = 5_000;

    private Signals() {
    }

    /** Routes SIGINT and SIGTERM to {@code control}; a signal the JVM cannot handle is left alone. */
    static void install(RunControl control) {
        handle("INT", control);
        handle("TERM", control);
        handle("HUP", control); // a closed terminal or dropped ssh session: stop as on SIGTERM
    }

    private static void handle(String name, RunControl control) {
        try {
            Signal.handle(new Signal(name), s -> onSignal(control, s.getNumber()));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Ignored by our parent (for example a background job of a non-interactive shell): keep it so.
        }
    }

    private static void onSignal(RunControl control, int number) {
        if (!control.stopBySignal(number)) {
            System.exit(ExitCode.forSignal(number));
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_LIMIT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(ExitCode.forSignal(number));
        }, "jconcurrent-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
