package io.kyso.signer.request;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * Limits and timing of signing requests.
 *
 * @param publicUrl        the service's public base URL, for confirmation links
 * @param maxDocumentBytes the largest document accepted, in bytes (default 20 MiB)
 * @param maxDocuments     the most documents in one request
 * @param requestLifetime  how long a request awaits confirmation before it expires
 */
@ConfigurationProperties("kyso.signing")
public record SigningConfiguration(
        @NotBlank String publicUrl,
        @Bindable(defaultValue = "20971520") @Min(1) long maxDocumentBytes,
        @Bindable(defaultValue = "20") @Min(1) @Max(100) int maxDocuments,
        @Bindable(defaultValue = "24h") Duration requestLifetime) {
}
