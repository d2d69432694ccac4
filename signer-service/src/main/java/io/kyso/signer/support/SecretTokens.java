package io.kyso.signer.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secret tokens of links and cookies (activation pages, enrollment pages, the citizen's sessions):
 * 256 random bits, URL-safe; the database keeps only their SHA-256, so a reader of it cannot
 * follow a link. A plain hash is enough for 256 random bits. Thread-safe.
 */
public final class SecretTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** A new token: 43 characters of base64url. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} has the form of a token (not whether it exists). */
    public static boolean looksLikeToken(String text) {
        return text != null && text.matches("[A-Za-z0-9_-]{43}");
    }

    /** The lower-case hex SHA-256 of {@code token}, as stored. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
