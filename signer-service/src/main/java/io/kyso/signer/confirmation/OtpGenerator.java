package io.kyso.signer.confirmation;

import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Order;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Makes and checks one-time codes. A code is 6 digits from a CSPRNG; only
 * HMAC-SHA256(key, request id ‖ binding digest ‖ code) is stored, so a stored hash is useless for
 * another request or another set of documents, and comparison is constant-time.
 */
@Context
@Order(-200)
public class OtpGenerator {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public OtpGenerator(Secrets secrets) {
        this.key = new SecretKeySpec(hashKey(secrets), "HmacSHA256");
    }

    /** At least 32 random bytes, base64. */
    private static byte[] hashKey(Secrets secrets) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secrets.require(Secret.OTP_HASH_KEY).strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(secrets.location(Secret.OTP_HASH_KEY) + ": not valid base64");
        }
        if (key.length < 32) {
            throw new ConfigurationException(secrets.location(Secret.OTP_HASH_KEY) + ": must be at least 32 bytes");
        }
        return key;
    }

    public String newOtp() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public String hash(UUID requestId, String bindingDigest, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(requestId.toString().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            mac.update(bindingDigest.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            mac.update(code.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of {@code code} against the stored hash. */
    public boolean matches(String storedHash, UUID requestId, String bindingDigest, String code) {
        if (storedHash == null || code == null || !code.matches("\\d{6}")) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(requestId, bindingDigest, code).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
