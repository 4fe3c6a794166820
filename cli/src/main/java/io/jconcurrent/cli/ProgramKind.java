package io.jconcurrent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a program is a script rather than a compiled (ELF) program: looked up as the shell looks it
 * up ({@code PATH}, or the name itself when it holds a {@code /}), and its first four bytes read. A
 * script gets GNU parallel's variables ({@code PARALLEL_SEQ}, {@code PARALLEL_JOBSLOT}) by running
 * through the shell, an exec that costs little beside starting its interpreter; a compiled program
 * runs directly, at full spawn rate.
 */
final class ProgramKind {

    private static final byte[] ELF = {0x7F, 'E', 'L', 'F'};

    private ProgramKind() {
    }

    /**
     * @param program   the program's name as given (text)
     * @param directory where tasks run (a relative name with a {@code /} is found there), or null for here
     * @return true if it is found and is not an ELF file; false if it is one, or is not found or readable
     *     (the run then reports that as it would)
     */
    static boolean isScript(String program, Path directory) {
        Path file = find(program, directory);
        if (file == null) {
            return false;
        }
        byte[] head = new byte[ELF.length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return n > 0 && !(n == head.length && java.util.Arrays.equals(head, ELF));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path find(String program, Path directory) {
        try {
            if (program.indexOf('/') >= 0) {
                Path p = Path.of(program);
                return directory != null ? directory.resolve(p) : p;
            }
            String path = System.getenv("PATH");
            for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":", -1)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        } catch (RuntimeException e) {
            // an invalid path: not found
        }
        return null;
    }
}
