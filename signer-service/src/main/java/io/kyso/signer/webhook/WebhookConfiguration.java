package io.kyso.signer.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Delivery of webhooks to portals.
 *
 * @param enabled        whether this instance runs the delivery worker (every instance may: rows are leased)
 * @param pollInterval   how often the worker looks for due deliveries
 * @param batchSize      deliveries claimed per round
 * @param timeout        to connect to a portal and to get its answer
 * @param lease          how long a claimed delivery is this instance's; a crash frees it after this
 * @param initialBackoff pause after the first failed attempt; doubles with each failure, with jitter
 * @param maxBackoff     the longest pause between attempts
 * @param giveUpAfter    how long after the event a delivery is retried before it is marked failed
 */
@Context
@ConfigurationProperties("kyso.webhooks")
public record WebhookConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "5s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "20") @Min(1) @Max(500) int batchSize,
        @Bindable(defaultValue = "10s") @NotNull Duration timeout,
        @Bindable(defaultValue = "2m") @NotNull Duration lease,
        @Bindable(defaultValue = "10s") @NotNull Duration initialBackoff,
        @Bindable(defaultValue = "1h") @NotNull Duration maxBackoff,
        @Bindable(defaultValue = "24h") @NotNull Duration giveUpAfter) {
}
