package io.jconcurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What every task of a batch does, the typed form of the seed's {@code pargs}: a {@link Command} to run
 * as a subprocess, or a {@link Function} or {@link AsyncFunction} to call. Each task supplies its own
 * arg to it.
 */
public sealed interface Work permits Work.Command, Work.Function, Work.AsyncFunction {

    /** A subprocess: {@code program} and its fixed args; each task's arg is appended. */
    static Command command(String program, String... fixedArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(Arrays.asList(fixedArgs));
        return new Command(argv);
    }

    /** A function called as {@code fn(key, fixedArgs + [arg])}. */
    static Function function(TaskFunction fn, Object... fixedArgs) {
        return new Function(fn, Arrays.asList(fixedArgs));
    }

    /** An asynchronous function called as {@code fn(key, fixedArgs + [arg])}. */
    static AsyncFunction async(AsyncTaskFunction fn, Object... fixedArgs) {
        return new AsyncFunction(fn, Arrays.asList(fixedArgs));
    }

    /**
     * The seed's calling convention: the first element is the program (a {@link CharSequence} or
     * {@link java.nio.file.Path}) or the function ({@link TaskFunction} or {@link AsyncTaskFunction}), the
     * rest are fixed args.
     *
     * @throws IllegalArgumentException if {@code pargs} is empty or its first element is none of those
     */
    static Work fromPargs(List<?> pargs) {
        if (pargs == null || pargs.isEmpty()) {
            throw new IllegalArgumentException("pargs must name a program or a function as its first element");
        }
        Object head = pargs.getFirst();
        List<?> rest = pargs.subList(1, pargs.size());
        return switch (head) {
            case TaskFunction fn -> new Function(fn, new ArrayList<>(rest));
            case AsyncTaskFunction fn -> new AsyncFunction(fn, new ArrayList<>(rest));
            case CharSequence s -> commandOf(s.toString(), rest);
            case java.nio.file.Path p -> commandOf(p.toString(), rest);
            case null -> throw new IllegalArgumentException("pargs[0] is null: it must be a program or a function");
            default -> throw new IllegalArgumentException("pargs[0] must be a program (String or Path), a TaskFunction"
                    + " or an AsyncTaskFunction, not " + head.getClass().getName());
        };
    }

    private static Command commandOf(String program, List<?> rest) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        for (Object o : rest) {
            argv.add(String.valueOf(o));
        }
        return new Command(argv);
    }

    /**
     * A subprocess. The command is run directly, never through a shell, with stdin empty.
     *
     * @param argv program and fixed args; the program is looked up on {@code PATH} unless it contains
     *             a {@code /}
     */
    record Command(List<String> argv) implements Work {
        /** @throws IllegalArgumentException if argv is empty, or it or an element is null or the program is blank */
        public Command {
            Objects.requireNonNull(argv, "argv");
            if (argv.isEmpty() || argv.getFirst() == null || argv.getFirst().isBlank()) {
                throw new IllegalArgumentException("command needs a program name, got " + argv);
            }
            for (int i = 0; i < argv.size(); i++) {
                if (argv.get(i) == null) {
                    throw new IllegalArgumentException("command argument " + i + " is null");
                }
            }
            argv = List.copyOf(argv);
        }
    }

    /**
     * A synchronous function.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; elements may be null
     */
    record Function(TaskFunction fn, List<Object> fixedArgs) implements Work {
        /** @throws IllegalArgumentException if {@code fn} is null */
        public Function {
            if (fn == null) {
                throw new IllegalArgumentException("function must not be null");
            }
            fixedArgs = Collections.unmodifiableList(new ArrayList<>(fixedArgs));
        }
    }

    /**
     * An asynchronous function.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; elements may be null
     */
    record AsyncFunction(AsyncTaskFunction fn, List<Object> fixedArgs) implements Work {
        /** @throws IllegalArgumentException if {@code fn} is null */
        public AsyncFunction {
            if (fn == null) {
                throw new IllegalArgumentException("async function must not be null");
            }
            fixedArgs = Collections.unmodifiableList(new ArrayList<>(fixedArgs));
        }
    }
}
