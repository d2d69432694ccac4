package io.kyso.signer.idempotency;

import io.kyso.signer.secrets.DerivedKeys;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import jakarta.inject.Singleton;

import javax.crypto.spec.SecretKeySpec;

/**
 * Starts {@link RequestFingerprint}s under the idempotency key, HMAC(code key, "kyso-idempotency-v1"):
 * derived from the secret {@code otp-hash-key} (configuration or Vault, never the database), so there
 * is no new secret to manage, and the same on every instance. Thread-safe.
 */
@Singleton
public class RequestFingerprints {
    private final SecretKeySpec key;

    public RequestFingerprints(Secrets secrets) {
        this.key = DerivedKeys.hmacKey(secrets, Secret.OTP_HASH_KEY, "kyso-idempotency-v1");
    }

    /** A fingerprint of a request to {@code method} {@code path}; add the body's pieces, then finish it. */
    public RequestFingerprint start(String method, String path) {
        return new RequestFingerprint(key, method, path);
    }
}
