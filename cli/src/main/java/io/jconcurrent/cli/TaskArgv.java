package io.jconcurrent.cli;

import io.jconcurrent.ByteArg;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arguments a task's program gets, in the form the library takes, printing as the task's own arg
 * (so that reports such as {@code --print-results} show what the user gave, not the whole argv).
 *
 * <p>The one place where the CLI's raw strings ({@link RawText}) become the library's arguments: a
 * String where the bytes are UTF-8 text, else a {@link ByteArg}, which the library sends byte for byte.
 */
final class TaskArgv extends AbstractList<Object> {

    private final List<Object> args;
    private final Object shown;

    private TaskArgv(List<Object> args, Object shown) {
        this.args = List.copyOf(args);
        this.shown = shown;
    }

    /** The library's form of these raw arguments, shown as {@code shown}. */
    static TaskArgv of(List<String> raw, Object shown) {
        List<Object> args = new ArrayList<>(raw.size());
        for (String r : raw) {
            args.add(RawText.isUtf8(r) ? RawText.toText(r) : ByteArg.of(RawText.bytes(r)));
        }
        return new TaskArgv(args, shown);
    }

    @Override
    public Object get(int index) {
        return args.get(index);
    }

    @Override
    public int size() {
        return args.size();
    }

    @Override
    public String toString() {
        return String.valueOf(shown);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskArgv other ? args.equals(other.args) && Objects.equals(shown, other.shown)
                : super.equals(o);
    }

    @Override
    public int hashCode() {
        return args.hashCode();
    }
}
