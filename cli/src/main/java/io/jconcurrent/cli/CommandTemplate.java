package io.jconcurrent.cli;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command given on the command line, and how one task's arg goes into it: each {@code {}} is
 * replaced by the arg, or, when the command has none, the arg is appended as one more argument (a
 * list arg as one argument per element). The result is an argv, never a shell line.
 */
final class CommandTemplate {

    /** Where the task's arg goes. */
    static final String PLACEHOLDER = "{}";

    private final String program;
    private final List<String> rest;
    private final boolean placeholder;

    /** @throws IllegalArgumentException if {@code argv} is empty or its program is blank */
    CommandTemplate(List<String> argv) {
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("command needs a program");
        }
        this.program = argv.getFirst();
        this.rest = List.copyOf(argv.subList(1, argv.size()));
        this.placeholder = rest.stream().anyMatch(a -> a.contains(PLACEHOLDER));
    }

    /** The program to run, as given (looked up on PATH unless it contains a {@code /}). */
    String program() {
        return program;
    }

    /**
     * The arguments after the program for a task with this arg. The returned list prints as the arg
     * itself, so reports that show a task's arg show what the user gave.
     */
    List<String> argsFor(Object arg) {
        List<String> args = new ArrayList<>(rest.size() + 1);
        if (placeholder) {
            for (String a : rest) {
                if (a.equals(PLACEHOLDER) && arg instanceof List<?> list) {
                    list.forEach(e -> args.add(String.valueOf(e)));
                } else if (a.contains(PLACEHOLDER)) {
                    args.add(a.replace(PLACEHOLDER, text(arg)));
                } else {
                    args.add(a);
                }
            }
        } else {
            args.addAll(rest);
            if (arg instanceof List<?> list) {
                list.forEach(e -> args.add(String.valueOf(e)));
            } else if (arg != null) {
                args.add(String.valueOf(arg));
            }
        }
        return new ArgList(args, arg);
    }

    /** The whole argv of a task: the program, then its arguments. */
    List<Object> argv(Object arg) {
        List<String> args = argsFor(arg);
        List<Object> argv = new ArrayList<>(args.size() + 1);
        argv.add(program);
        argv.addAll(args);
        return argv;
    }

    /** Whether the program itself contains {@code {}} (not supported: the program is fixed per run). */
    boolean programHasPlaceholder() {
        return program.contains(PLACEHOLDER);
    }

    private static String text(Object arg) {
        if (arg == null) {
            return "";
        }
        if (arg instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(arg);
    }

    /** Arguments that print as the task's original arg. */
    private static final class ArgList extends AbstractList<String> {
        private final List<String> args;
        private final Object original;

        ArgList(List<String> args, Object original) {
            this.args = List.copyOf(args);
            this.original = original;
        }

        @Override
        public String get(int index) {
            return args.get(index);
        }

        @Override
        public int size() {
            return args.size();
        }

        @Override
        public String toString() {
            return String.valueOf(original);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArgList other ? args.equals(other.args) && Objects.equals(original, other.original)
                    : super.equals(o);
        }

        @Override
        public int hashCode() {
            return args.hashCode();
        }
    }
}
