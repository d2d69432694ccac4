package io.kyso.signer.webhook;

import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.request.FinalStateListener;
import io.kyso.signer.request.RequestStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Puts a webhook into the outbox when a request with a callback URL reaches a final state, in the
 * transaction of that change: a crash after the commit still delivers it, a rollback never does.
 * The payload is fixed here, so every attempt sends (and signs) the same bytes.
 */
@Singleton
public class WebhookOutbox implements FinalStateListener {
    public static final String EVENT = "signing_request.completed";

    private final JsonMapper json;
    private final Clock clock;

    public WebhookOutbox(JsonMapper json, Clock clock) {
        this.clock = clock;
        this.json = json;
    }

    /** What the portal receives. */
    @Serdeable
    public record Payload(String event, UUID requestId, RequestStatus status, String occurredAt) {
    }

    @Override
    public void onFinalState(Connection c, UUID requestId, RequestStatus status, Instant at) throws SQLException {
        String portalId;
        String callbackUrl;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT portal_id, callback_url FROM signing_request WHERE id = ?")) {
            select.setObject(1, requestId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getString("callback_url") == null) {
                    return;
                }
                portalId = rs.getString("portal_id");
                callbackUrl = rs.getString("callback_url");
            }
        }
        Instant occurred = (at == null ? clock.instant() : at).truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO webhook_delivery (id, portal_id, request_id, callback_url, payload, state, attempts,
                                              created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, portalId);
            insert.setObject(3, requestId);
            insert.setString(4, callbackUrl);
            insert.setString(5, payload(new Payload(EVENT, requestId, status, occurred.toString())));
            Jdbc.setInstant(insert, 6, occurred);
            Jdbc.setInstant(insert, 7, occurred);
            insert.executeUpdate();
        }
    }

    private String payload(Payload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
