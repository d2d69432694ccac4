package io.kyso.signer.webhook;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox table. A worker claims a due delivery with a conditional UPDATE that sets a lease:
 * of several instances only one gets each row, and a worker that dies frees its rows when the
 * lease ends. Delivery is at least once: a worker that dies after the portal's 2xx but before it
 * recorded it will have the event sent again.
 */
@Singleton
public class WebhookDeliveries {
    private final Database database;

    public WebhookDeliveries(Database database) {
        this.database = database;
    }

    /** Leases up to {@code limit} pending deliveries that are due, oldest first. */
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<UUID> due = database.read(c -> dueIds(c, now, limit));
        List<WebhookDelivery> claimed = new ArrayList<>();
        for (UUID id : due) {
            WebhookDelivery delivery = database.inTransaction(c -> claim(c, id, now, leaseUntil) ? find(c, id) : null);
            if (delivery != null) {
                claimed.add(delivery);
            }
        }
        return claimed;
    }

    public void markDelivered(Connection c, UUID id, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE webhook_delivery SET state = 'DELIVERED', delivered_at = ?, attempts = attempts + 1,
                       lease_until = NULL, last_error = NULL
                WHERE id = ?""")) {
            Jdbc.setInstant(update, 1, at);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    public void markFailed(Connection c, UUID id, String error) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE webhook_delivery SET state = 'FAILED', attempts = attempts + 1, lease_until = NULL, last_error = ?
                WHERE id = ?""")) {
            update.setString(1, error);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    public void reschedule(UUID id, Instant next, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE webhook_delivery SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL,
                           last_error = ?
                    WHERE id = ? AND state = 'PENDING'""")) {
                Jdbc.setInstant(update, 1, next);
                update.setString(2, error);
                update.setObject(3, id);
                return update.executeUpdate();
            }
        });
    }

    private static List<UUID> dueIds(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id FROM webhook_delivery
                WHERE state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_attempt_at""")) {
            Jdbc.setInstant(select, 1, now);
            Jdbc.setInstant(select, 2, now);
            select.setMaxRows(limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject("id", UUID.class));
                }
            }
            return ids;
        }
    }

    private static boolean claim(Connection c, UUID id, Instant now, Instant leaseUntil) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE webhook_delivery SET lease_until = ?
                WHERE id = ? AND state = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)""")) {
            Jdbc.setInstant(update, 1, leaseUntil);
            update.setObject(2, id);
            Jdbc.setInstant(update, 3, now);
            return update.executeUpdate() == 1;
        }
    }

    private static WebhookDelivery find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM webhook_delivery WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new WebhookDelivery(rs.getObject("id", UUID.class), rs.getString("portal_id"),
                        rs.getObject("request_id", UUID.class), rs.getString("callback_url"), rs.getString("payload"),
                        rs.getInt("attempts"), Jdbc.getInstant(rs, "created_at"));
            }
        }
    }
}
