package io.kyso.client.webhook;

import io.kyso.client.RequestStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * What Kyso's webhook says: a signing request reached a final state.
 *
 * @param event      {@value #REQUEST_COMPLETED} for every final state; the status says which
 * @param occurredAt when the request reached the state (not when this delivery was made)
 */
public record WebhookEvent(String event, UUID requestId, RequestStatus status, Instant occurredAt) {
    public static final String REQUEST_COMPLETED = "signing_request.completed";
}
