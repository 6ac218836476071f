package io.wharf.edge.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password hash in one of the two formats {@code mosquitto_passwd} writes, after the user name
 * and its colon:
 *
 * <ul>
 *   <li>{@code $7$ITERATIONS$SALT$HASH}: PBKDF2 with HMAC-SHA512 (mosquitto 2's default, 101
 *       iterations), {@code SALT} and {@code HASH} in Base64 (12 and 64 bytes);
 *   <li>{@code $6$SALT$HASH}: SHA-512 over the password followed by the salt (mosquitto 1.6 and
 *       earlier).
 * </ul>
 *
 * <p>PBKDF2 is computed here over the password's bytes as the client sent them (Java's
 * {@code PBKDF2WithHmacSHA512} takes characters, which a binary MQTT password need not be).
 */
public final class PasswordHash {

    /** What {@code mosquitto_passwd} uses, so that a file written by Wharf reads the same. */
    public static final int DEFAULT_ITERATIONS = 101;

    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final int MAX_ITERATIONS = 10_000_000;

    private final boolean pbkdf2;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(boolean pbkdf2, int iterations, byte[] salt, byte[] hash) {
        this.pbkdf2 = pbkdf2;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text} (never echoing it)
     */
    public static PasswordHash parse(String text) {
        String[] parts = text.split("\\$", -1);
        if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("7")) {
            int iterations;
            try {
                iterations = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the iteration count of a $7$ hash is not a number");
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException(
                        "the iteration count of a $7$ hash must be from 1 to " + MAX_ITERATIONS);
            }
            return new PasswordHash(true, iterations, base64(parts[3], "salt"), base64(parts[4], "hash"));
        }
        if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("6")) {
            return new PasswordHash(false, 1, base64(parts[2], "salt"), base64(parts[3], "hash"));
        }
        throw new IllegalArgumentException(
                "the password is not hashed in a format mosquitto_passwd writes ($7$ or $6$);"
                        + " a plain-text password file must be hashed first (wharf passwd, or mosquitto_passwd -U)");
    }

    /** A PBKDF2-SHA512 hash of {@code password} with a fresh random salt, in the {@code $7$} format. */
    public static PasswordHash pbkdf2(byte[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(true, iterations, salt, pbkdf2Sha512(password, salt, iterations, HASH_BYTES));
    }

    /** Whether {@code password} is the one hashed here; takes as long whatever bytes differ. */
    public boolean matches(byte[] password) {
        byte[] computed = pbkdf2 ? pbkdf2Sha512(password, salt, iterations, hash.length) : sha512(password, salt);
        return MessageDigest.isEqual(computed, hash);
    }

    /** How many HMAC computations a check costs, to judge whether it may run on an event loop. */
    public int iterations() {
        return iterations;
    }

    /** The hash as it stands in a password file after {@code user:}. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return pbkdf2
                ? "$7$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash)
                : "$6$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    @Override
    public String toString() {
        return pbkdf2 ? "PBKDF2-SHA512 (" + iterations + " iterations)" : "salted SHA-512";
    }

    private static byte[] base64(String text, String what) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == 0) {
                throw new IllegalArgumentException("the " + what + " of the hash is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " of the hash is not Base64");
        }
    }

    private static byte[] sha512(byte[] password, byte[] salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password);
            digest.update(salt);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no SHA-512", e);
        }
    }

    /** PBKDF2 (RFC 8018 5.2) with HMAC-SHA512 as its pseudorandom function. */
    static byte[] pbkdf2Sha512(byte[] password, byte[] salt, int iterations, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            // An empty key is allowed by HMAC but not by SecretKeySpec; HMAC pads the key with zeros anyway.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA512"));
            int blockLength = mac.getMacLength();
            byte[] result = new byte[length];
            for (int block = 1, offset = 0; offset < length; block++, offset += blockLength) {
                mac.update(salt);
                byte[] u = mac.doFinal(ByteBuffer.allocate(4).putInt(block).array());
                byte[] t = u.clone();
                for (int i = 1; i < iterations; i++) {
                    u = mac.doFinal(u);
                    for (int j = 0; j < t.length; j++) {
                        t[j] ^= u[j];
                    }
                }
                System.arraycopy(t, 0, result, offset, Math.min(blockLength, length - offset));
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no HMAC-SHA512", e);
        }
    }
}
