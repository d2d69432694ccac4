package io.kyso.signer.secrets;

import io.micronaut.context.exceptions.ConfigurationException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Keys for one purpose each, derived from a secret that is a key itself (base64, at least 32 bytes):
 * HMAC-SHA256(secret, purpose). Keys of different purposes are independent, so one secret serves
 * several uses without another secret to manage, and like the secret none of them is where the
 * database is.
 */
public final class DerivedKeys {
    private static final int MIN_SECRET_BYTES = 32;

    private DerivedKeys() {
    }

    /** An HMAC-SHA256 key for {@code purpose}, derived from {@code secret}. */
    public static SecretKeySpec hmacKey(Secrets secrets, Secret secret, String purpose) {
        byte[] base;
        try {
            base = Base64.getDecoder().decode(secrets.require(secret).strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(secrets.location(secret) + ": not valid base64");
        }
        if (base.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException(secrets.location(secret) + ": must be at least " + MIN_SECRET_BYTES
                    + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(base, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
