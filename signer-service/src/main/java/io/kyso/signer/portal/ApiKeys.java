package io.kyso.signer.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys are stored only as their SHA-256. Keys are long random strings, so a plain hash is
 * enough; a slow password hash would only slow every request down.
 */
public final class ApiKeys {
    private ApiKeys() {
    }

    public static String sha256Hex(String apiKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
