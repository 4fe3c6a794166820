package io.jconcurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What every task of a batch does, the typed form of the seed's {@code pargs}: a {@link Command} to run
 * as a subprocess, or a {@link Call} or {@link AsyncCall} of a function (named so, not "Function", so
 * as not to shadow {@code java.util.function.Function}). Each task supplies its own arg to it.
 *
 * <p>Thread-safety: immutable; its lists are unmodifiable copies. Safe to share between batches and
 * threads.
 */
public sealed interface Work permits Work.Command, Work.Call, Work.AsyncCall {

    /**
     * A subprocess: {@code program} and its fixed args; each task's arg is appended.
     *
     * @param program   the program, looked up on {@code PATH} unless it contains a {@code /}
     * @param fixedArgs args before the task's arg
     * @return the work
     */
    static Command command(String program, String... fixedArgs) {
        List<Object> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(Arrays.asList(fixedArgs));
        return new Command(argv);
    }

    /**
     * A function called as {@code fn(key, fixedArgs + [arg])}.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; may hold nulls
     * @return the work
     * @throws NullPointerException if {@code fn} is null
     */
    static Call function(TaskFunction fn, Object... fixedArgs) {
        return new Call(fn, Arrays.asList(fixedArgs));
    }

    /**
     * An asynchronous function called as {@code fn(key, fixedArgs + [arg])}.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; may hold nulls
     * @return the work
     * @throws NullPointerException if {@code fn} is null
     */
    static AsyncCall async(AsyncTaskFunction fn, Object... fixedArgs) {
        return new AsyncCall(fn, Arrays.asList(fixedArgs));
    }

    /**
     * The seed's calling convention: the first element is the program (a {@link CharSequence} or
     * {@link java.nio.file.Path}) or the function ({@link TaskFunction} or {@link AsyncTaskFunction}), the
     * rest are fixed args (for a command, each {@link ByteArg} as it is, any other value as its
     * {@link String#valueOf(Object)}).
     *
     * @param pargs the program or function, then the fixed args
     * @return the work
     * @throws NullPointerException     if {@code pargs} is null
     * @throws IllegalArgumentException if {@code pargs} is empty or its first element is none of those
     */
    static Work fromPargs(List<?> pargs) {
        Objects.requireNonNull(pargs, "pargs");
        if (pargs.isEmpty()) {
            throw new IllegalArgumentException("pargs must name a program or a function as its first element");
        }
        Object head = pargs.getFirst();
        List<?> rest = pargs.subList(1, pargs.size());
        return switch (head) {
            case TaskFunction fn -> new Call(fn, new ArrayList<>(rest));
            case AsyncTaskFunction fn -> new AsyncCall(fn, new ArrayList<>(rest));
            case CharSequence s -> commandOf(s.toString(), rest);
            case java.nio.file.Path p -> commandOf(p.toString(), rest);
            case null -> throw new IllegalArgumentException("pargs[0] is null: it must be a program or a function");
            default -> throw new IllegalArgumentException("pargs[0] must be a program (String or Path), a TaskFunction"
                    + " or an AsyncTaskFunction, not " + head.getClass().getName());
        };
    }

    private static Command commandOf(String program, List<?> rest) {
        List<Object> argv = new ArrayList<>();
        argv.add(program);
        for (Object o : rest) {
            argv.add(o instanceof ByteArg b ? b : String.valueOf(o));
        }
        return new Command(argv);
    }

    /**
     * A subprocess. The command is run directly, never through a shell, with stdin empty.
     *
     * @param argv the program (a {@link String}), then the fixed args, each a {@link String} or a
     *             {@link ByteArg} (exact bytes); the program is looked up on {@code PATH} unless it
     *             contains a {@code /}
     */
    record Command(List<?> argv) implements Work {
        /**
         * Checks and copies the argv.
         *
         * @throws IllegalArgumentException if argv is empty, or it or an element is null, the program is
         *                                  not a String or is blank, or an arg is neither a String nor a
         *                                  ByteArg
         */
        public Command {
            Objects.requireNonNull(argv, "argv");
            if (argv.isEmpty() || !(argv.getFirst() instanceof String program) || program.isBlank()) {
                throw new IllegalArgumentException("command needs a program name (a non-blank String), got " + argv);
            }
            for (int i = 0; i < argv.size(); i++) {
                Object a = argv.get(i);
                if (a == null) {
                    throw new IllegalArgumentException("command argument " + i + " is null");
                }
                if (!(a instanceof String) && !(a instanceof ByteArg)) {
                    throw new IllegalArgumentException("command argument " + i + " must be a String or a ByteArg,"
                            + " not " + a.getClass().getName());
                }
            }
            argv = List.copyOf(argv);
        }

        /** {@return the program, as given} */
        public String program() {
            return (String) argv.getFirst();
        }
    }

    /**
     * A call of a synchronous function.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; elements may be null
     */
    record Call(TaskFunction fn, List<Object> fixedArgs) implements Work {
        /**
         * Checks the function and copies the fixed args.
         *
         * @throws NullPointerException if {@code fn} or {@code fixedArgs} is null
         */
        public Call {
            Objects.requireNonNull(fn, "function");
            fixedArgs = Collections.unmodifiableList(new ArrayList<>(fixedArgs));
        }
    }

    /**
     * A call of an asynchronous function.
     *
     * @param fn        the function
     * @param fixedArgs args passed before the task's arg; elements may be null
     */
    record AsyncCall(AsyncTaskFunction fn, List<Object> fixedArgs) implements Work {
        /**
         * Checks the function and copies the fixed args.
         *
         * @throws NullPointerException if {@code fn} or {@code fixedArgs} is null
         */
        public AsyncCall {
            Objects.requireNonNull(fn, "async function");
            fixedArgs = Collections.unmodifiableList(new ArrayList<>(fixedArgs));
        }
    }
}
