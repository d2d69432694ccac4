package io.kyso.signer.csc;

import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer secrets of the CSC API (access tokens, authorization codes, pushed request URIs, the
 * authorization page's link): 256 random bits each, stored only as HMAC-SHA256 under a key derived
 * from the code key ({@code kyso.otp.hash-key}), so a reader of the database can neither use nor
 * recover one. Thread-safe.
 */
@Singleton
public class SecretHashes {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SecretHashes(Secrets secrets) {
        byte[] codeKey = Base64.getDecoder().decode(secrets.require(Secret.OTP_HASH_KEY).strip());
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(codeKey, "HmacSHA256"),
                "kyso-csc-secrets-v1".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
    }

    /** A new secret: 256 random bits, base64url (43 characters). */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /** What is stored for {@code secret}: 64 hex digits. */
    public String hash(String secret) {
        return HexFormat.of().formatHex(hmac(key, secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
