package io.jconcurrent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The library's version and release date (the seed's {@code version()}). Both are set in the POM
 * alone and reach this class through a resource that the build fills in, so a release changes one
 * file; {@code VersionTest} checks that they agree.
 */
final class Version {

    private Version() {
    }

    /** The version, as in the POM ({@code 0.1.0-SNAPSHOT}, {@code 0.1.0}). */
    static String version() {
        return Build.VERSION;
    }

    /** The release date, {@code yyyy-mm-dd}: the date part of the POM's build timestamp. */
    static String date() {
        return Build.DATE;
    }

    static String line() {
        return "jconcurrent: version " + version() + " (" + date() + ")";
    }

    /** Read on first use only, so that starting a batch does not pay for it. */
    private static final class Build {
        static final String VERSION;
        static final String DATE;

        static {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("io/jconcurrent/version.properties is missing from the jar");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VERSION = p.getProperty("version");
            String date = p.getProperty("date", "");
            DATE = date.length() >= 10 ? date.substring(0, 10) : date;
        }
    }
}
