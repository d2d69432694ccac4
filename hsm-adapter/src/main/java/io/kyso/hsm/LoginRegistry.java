package io.kyso.hsm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Salted fingerprints of the PINs that tokens accepted in this process.
 *
 * <p>A PKCS#11 login belongs to the whole process, and a token that is already logged in answers
 * {@code C_Login} with CKR_USER_ALREADY_LOGGED_IN whatever the PIN. To refuse a wrong PIN on a token
 * another instance already logged in to, its PIN is compared with the one the token accepted. Only a
 * fingerprint salted with a per-process random value is kept, never the PIN.
 */
final class LoginRegistry {
    private static final byte[] SALT = new SecureRandom().generateSeed(32);
    private static final Map<String, byte[]> ACCEPTED = new ConcurrentHashMap<>();

    private LoginRegistry() {
    }

    static void accepted(String tokenKey, char[] pin) {
        ACCEPTED.put(tokenKey, fingerprint(pin));
    }

    /** @return false only if the token accepted a different PIN before; true if it matches or is unknown */
    static boolean consistent(String tokenKey, char[] pin) {
        byte[] known = ACCEPTED.get(tokenKey);
        return known == null || MessageDigest.isEqual(known, fingerprint(pin));
    }

    private static byte[] fingerprint(char[] pin) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            return sha.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
