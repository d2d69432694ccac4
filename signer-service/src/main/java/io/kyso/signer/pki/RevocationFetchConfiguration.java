package io.kyso.signer.pki;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How revocation data (OCSP answers, CRLs) is fetched for long-term signatures, from the URLs in
 * the certificates themselves (Authority Information Access, CRL distribution points).
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the whole answer
 * @param maxCrlBytes    the largest CRL accepted
 */
@ConfigurationProperties("kyso.revocation-fetch")
public record RevocationFetchConfiguration(
        @Bindable(defaultValue = "5s") @NotNull Duration connectTimeout,
        @Bindable(defaultValue = "10s") @NotNull Duration readTimeout,
        @Bindable(defaultValue = "20971520") int maxCrlBytes) {
}
