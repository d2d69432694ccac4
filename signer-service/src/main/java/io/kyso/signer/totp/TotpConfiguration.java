package io.kyso.signer.totp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * Authenticator apps (TOTP). The key seeds are stored under is a secret ({@code kyso.totp.seed-key}
 * / {@code KYSO_TOTP_SEED_KEY}, or Vault's {@code totp-seed-key}), see {@link SeedCipher}.
 *
 * @param enrollmentLifetime how long an enrollment link works
 * @param issuer             the issuer name apps show next to the account
 */
@Context
@ConfigurationProperties("kyso.totp")
public record TotpConfiguration(
        @Bindable(defaultValue = "24h") Duration enrollmentLifetime,
        @Bindable(defaultValue = "Kyso") @NotBlank String issuer) {

    @Override
    public String toString() {
        return "TotpConfiguration[enrollmentLifetime=" + enrollmentLifetime + ", issuer=" + issuer + "]";
    }
}
