package io.jconcurrent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a command runs through a shell, and which shell. A command of several words runs as argv,
 * never through a shell (jconcurrent's rule, safer than GNU parallel's shell for every command); a
 * command given as one string that has shell syntax in it ({@code 'gzip {} && mv {}.gz done/'}) runs
 * through a shell, as parallel runs it; {@code --shell} and {@code --no-shell} decide it outright.
 * A word that is a shell operator in an argv command ({@code '|'}, {@code '>'}) would reach the program
 * as an argument, which is never what a parallel user meant: it is a usage error that says so.
 */
final class ShellSyntax {

    /** Shells whose quoting is POSIX's, which {@link ShellQuote} writes. */
    private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "ksh93",
            "mksh", "yash", "posh", "busybox");
    private static final Set<String> OPERATORS = Set.of("|", "||", "&&", ";", "&", ">", ">>", "<", "<<", "2>",
            "2>>", "2>&1", ">&2", "1>&2", "&>", "|&", ";;");

    private ShellSyntax() {
    }

    /**
     * How a command runs.
     *
     * @param words the command's words (raw strings); empty when no command was given
     * @param shell {@code --shell} (TRUE), {@code --no-shell} (FALSE) or neither (null)
     * @throws UsageException for a missing command with {@code --no-shell}, or a shell operator in an
     *                        argv command
     */
    static CommandTemplate.Mode mode(List<String> words, Boolean shell) throws UsageException {
        if (words.isEmpty()) {
            if (Boolean.FALSE.equals(shell)) {
                throw new UsageException("missing command: with --no-shell, say what to run, for example: "
                        + "jconcurrent --no-shell echo ::: a b c");
            }
            return CommandTemplate.Mode.LINES;
        }
        if (shell != null) {
            return shell ? CommandTemplate.Mode.SHELL : CommandTemplate.Mode.ARGV;
        }
        if (words.size() == 1 && looksLikeScript(words.getFirst()) && !isProgramFile(words.getFirst())) {
            return CommandTemplate.Mode.SHELL;
        }
        for (String w : words.subList(1, words.size())) {
            if (OPERATORS.contains(w)) {
                throw new UsageException("'" + w + "' is a shell operator, but jconcurrent runs a command of several "
                        + "words without a shell, so it would reach " + RawText.toText(words.getFirst())
                        + " as an argument. Give the whole command as one quoted string (jconcurrent 'cmd {} "
                        + w + " ...' ::: ...), or add --shell; add --no-shell to pass it as an argument after all");
            }
        }
        return CommandTemplate.Mode.ARGV;
    }

    /** Whether a one-word command has shell syntax in it (blanks, operators, quotes, expansions). */
    static boolean looksLikeScript(String word) {
        for (int i = 0; i < word.length(); i++) {
            switch (word.charAt(i)) {
                case ' ', '\t', '\n', '|', '&', ';', '<', '>', '(', ')', '$', '`', '"', '\'', '\\' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** Whether the word names an existing file (a program whose path has blanks, say). */
    private static boolean isProgramFile(String word) {
        try {
            return word.indexOf('/') >= 0 && Files.isRegularFile(Path.of(RawText.toText(word)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The shell (raw path): {@code PARALLEL_SHELL} if set, as in parallel; else {@code SHELL} if it
     * is a POSIX shell (so that the user's own shell's features work in one-string commands); else
     * {@code /bin/sh}.
     */
    static String shell(Map<String, String> env) {
        String chosen = env.get("PARALLEL_SHELL");
        if (chosen != null && !chosen.isBlank()) {
            return RawText.fromText(chosen);
        }
        String login = env.get("SHELL");
        if (login != null && login.startsWith("/") && POSIX_SHELLS.contains(login.substring(login.lastIndexOf('/') + 1))
                && Files.isExecutable(Path.of(login))) {
            return RawText.fromText(login);
        }
        return "/bin/sh";
    }
}
