package io.kyso.signer.request;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers people and links use for a request. */
public final class References {
    /** Crockford's base 32 without I, L, O, U: nothing to misread on a phone screen. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private References() {
    }

    /** A short reference shown in the message and on the confirmation page, e.g. {@code K7QM-2XPA}. */
    public static String newReference() {
        StringBuilder ref = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                ref.append('-');
            }
            ref.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return ref.toString();
    }

    /** An unguessable token for the confirmation link: 256 random bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
