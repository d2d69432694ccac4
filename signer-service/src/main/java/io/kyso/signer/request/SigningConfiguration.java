package io.kyso.signer.request;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Timing of signing requests (the limits on what a dossier may hold are intake's).
 *
 * @param requestLifetime how long a request awaits confirmation before it expires
 */
@Context
@ConfigurationProperties("kyso.signing")
public record SigningConfiguration(@Bindable(defaultValue = "24h") Duration requestLifetime) {
}
