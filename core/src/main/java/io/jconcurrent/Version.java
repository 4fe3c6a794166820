package io.jconcurrent;

/** The library's version (the seed's {@code version()}). */
final class Version {

    static final String NUMBER = "0.1.0";
    static final String DATE = "2026-11-25";

    private Version() {
    }

    static String line() {
        return "jconcurrent: version " + NUMBER + " (" + DATE + ")";
    }
}
