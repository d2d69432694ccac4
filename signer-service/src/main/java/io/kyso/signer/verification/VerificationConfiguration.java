package io.kyso.signer.verification;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What the verification API trusts and accepts.
 *
 * @param trustAnchors   a folder of PEM certificates ({@code .pem}, {@code .crt}, {@code .cer}) to trust,
 *                       e.g. the national root; read at start-up
 * @param crls           a folder of CRLs ({@code .crl}, PEM or DER) to use as revocation data, read at
 *                       every verification (so a refreshed CRL is used without a restart)
 * @param trustServiceCa whether this service's own CA (the development CA in {@code dev}) is a trust
 *                       anchor; its CRLs are then always current
 * @param maxUploadBytes the largest upload (all files together), in bytes (default 50 MiB)
 * @param maxFiles       the most files in one verification
 */
@ConfigurationProperties("kyso.verification")
public record VerificationConfiguration(
        @Nullable String trustAnchors,
        @Nullable String crls,
        @Bindable(defaultValue = "true") boolean trustServiceCa,
        @Bindable(defaultValue = "52428800") @Min(1) long maxUploadBytes,
        @Bindable(defaultValue = "20") @Min(1) @Max(100) int maxFiles) {
}
