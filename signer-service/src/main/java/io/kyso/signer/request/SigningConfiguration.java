package io.kyso.signer.request;

import io.kyso.signer.signing.SignatureLevel;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Timing of signing requests and the level documents are signed at (the limits on what a dossier
 * may hold are intake's).
 *
 * @param requestLifetime how long a request awaits confirmation before it expires
 * @param defaultLevel    the baseline level of a document whose portal names none (its option, its
 *                        {@code kyso.portals.<id>.default-level}): B-LT, a trusted time and the
 *                        certificates' status in the signed document
 */
@Context
@ConfigurationProperties("kyso.signing")
public record SigningConfiguration(
        @Bindable(defaultValue = "24h") Duration requestLifetime,
        @Bindable(defaultValue = "B-LT") @NotNull SignatureLevel defaultLevel) {
}
