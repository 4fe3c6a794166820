package io.jconcurrent.cli;

/**
 * {@code -v}: each task's command line on stdout just before its output, as GNU parallel prints it, the
 * two never separated by another task's output (the console's lock is held across both).
 */
final class CommandEcho implements ResultSink {

    private final Console console;
    private final ResultSink output;

    CommandEcho(Console console, ResultSink output) {
        this.console = console;
        this.output = output;
    }

    @Override
    public void accept(Finished f) {
        console.locked(() -> {
            console.write(() -> console.out.println(f.command()));
            output.accept(f);
        });
    }

    @Override
    public void finish() {
        output.finish();
    }
}
