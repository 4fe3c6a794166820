package io.jconcurrent.cli;

/** A mistake in the command line or the input, found before anything runs; the CLI exits 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
