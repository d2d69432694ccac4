package io.kyso.signer.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for a portal in the outbox.
 *
 * @param attempts attempts made before this one
 * @param payload  the exact JSON body, signed at each attempt
 */
public record WebhookDelivery(UUID id, String portalId, UUID requestId, String callbackUrl, String payload,
                              int attempts, Instant createdAt) {
}
