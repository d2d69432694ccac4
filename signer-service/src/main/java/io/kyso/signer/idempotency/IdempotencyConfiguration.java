package io.kyso.signer.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How long idempotency keys are kept.
 *
 * @param retention how long a key and its answer are kept (24 hours): a retry within this time is
 *                  answered from the record, a later one is a new request
 * @param lease     how long a key stays "in progress" without an answer before another attempt may
 *                  take it over, unless the instance running it renews it (every 10 seconds while the
 *                  call runs); an instance known dead (no heartbeat) loses its keys at once
 */
@Context
@ConfigurationProperties("kyso.idempotency")
public record IdempotencyConfiguration(
        @Bindable(defaultValue = "24h") @NotNull Duration retention,
        @Bindable(defaultValue = "30s") @NotNull Duration lease) {
}
