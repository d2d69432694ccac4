package io.kyso.signer.totp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;
import java.util.Base64;

/**
 * Authenticator apps (TOTP).
 *
 * @param seedKey            base64, at least 32 bytes: the AES-256-GCM key seeds are stored under
 * @param enrollmentLifetime how long an enrollment link works
 * @param issuer             the issuer name apps show next to the account
 */
@ConfigurationProperties("kyso.totp")
public record TotpConfiguration(
        @NotBlank String seedKey,
        @Bindable(defaultValue = "24h") Duration enrollmentLifetime,
        @Bindable(defaultValue = "Kyso") @NotBlank String issuer) {

    public TotpConfiguration {
        if (seedKey != null && !seedKey.isBlank() && decode(seedKey).length < 32) {
            throw new IllegalArgumentException("kyso.totp.seed-key must be at least 32 bytes, base64-encoded");
        }
    }

    public byte[] seedKeyBytes() {
        return decode(seedKey);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kyso.totp.seed-key is not valid base64");
        }
    }

    @Override
    public String toString() {
        return "TotpConfiguration[seedKey=(supplied), enrollmentLifetime=" + enrollmentLifetime + "]";
    }
}
