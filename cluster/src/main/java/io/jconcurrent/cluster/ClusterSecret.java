package io.jconcurrent.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of a cluster: members run work only from submitters that hold it, and submitters
 * send work only to members that prove they hold it (every message carries an HMAC-SHA256 of its
 * content). It is read from a file, never given on a command line, where other users could read it.
 *
 * <p>{@link #none()} is allowed only when every address is loopback (a check made by
 * {@link ClusterMember} and {@link ClusterRun}); anyone who can connect to such a member can then give
 * it work.
 *
 * <p>Thread-safety: immutable.
 */
public final class ClusterSecret {

    /** The fewest bytes a secret file must hold (after a trailing newline is dropped). */
    public static final int MIN_BYTES = 16;

    private static final ClusterSecret NONE = new ClusterSecret(new byte[0], "none");

    private final byte[] key;
    private final String origin;
    /** A Mac keyed with this secret, cloned for each message: no provider look-up or key set-up per message. */
    private volatile Mac keyed;

    private ClusterSecret(byte[] key, String origin) {
        this.key = key;
        this.origin = origin;
    }

    /**
     * Reads the secret from a file (its bytes, less one trailing newline).
     *
     * @throws IllegalArgumentException if the file cannot be read, holds fewer than {@link #MIN_BYTES}
     *                                  bytes, or can be read by other users (as ssh refuses such keys)
     */
    public static ClusterSecret fromFile(Path file) {
        Objects.requireNonNull(file, "secret file");
        byte[] bytes;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                throw new IllegalArgumentException("secret file " + file + " can be read by other users: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here (or the read below says what is wrong)
        }
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') {
            n--;
        }
        if (n < MIN_BYTES) {
            throw new IllegalArgumentException("secret file " + file + " holds " + n + " bytes; a secret needs at least "
                    + MIN_BYTES + " (for example: head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        return new ClusterSecret(Arrays.copyOf(bytes, n), file.toString());
    }

    /** No secret: only for clusters whose every address is loopback. */
    public static ClusterSecret none() {
        return NONE;
    }

    /** Whether this is {@link #none()}. */
    public boolean isNone() {
        return key.length == 0;
    }

    /** HMAC-SHA256 of the parts, in order, under this secret. */
    byte[] mac(byte[]... parts) {
        try {
            Mac mac = keyedMac();
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private Mac keyedMac() throws GeneralSecurityException {
        Mac k = keyed;
        if (k == null) {
            k = Mac.getInstance("HmacSHA256");
            k.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            keyed = k;
        }
        try {
            return (Mac) k.clone();
        } catch (CloneNotSupportedException e) { // a provider whose Mac cannot be cloned: key a new one
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        }
    }

    /** Whether {@code expected} is the HMAC of the parts, compared in constant time. */
    boolean verifies(byte[] expected, byte[]... parts) {
        return MessageDigest.isEqual(expected, mac(parts));
    }

    /** Where the secret came from (a file name, or "none"), never the secret. */
    @Override
    public String toString() {
        return "ClusterSecret[" + origin + "]";
    }
}
