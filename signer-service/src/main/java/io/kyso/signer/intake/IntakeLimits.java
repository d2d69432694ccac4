package io.kyso.signer.intake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How much a dossier may hold.
 *
 * @param maxDocumentBytes the largest document accepted, in bytes (default 20 MiB)
 * @param maxDocuments     the most documents in one request
 */
@Context
@ConfigurationProperties("kyso.signing")
public record IntakeLimits(
        @Bindable(defaultValue = "20971520") @Min(1) long maxDocumentBytes,
        @Bindable(defaultValue = "20") @Min(1) @Max(100) int maxDocuments) {
}
