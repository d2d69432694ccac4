package io.kyso.signer.audit;

import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The portals' chains during one sequencer round, under its lock of {@code audit_head}: places each
 * entry of a portal after that portal's head, then writes the heads that moved. Not thread-safe.
 */
final class PortalHeads {
    private final Connection connection;
    private final Map<String, AuditRows.Head> moved = new HashMap<>();

    PortalHeads(Connection connection) {
        this.connection = connection;
    }

    /** The record's place in its portal's chain, which now ends with it; null for a record of no portal. */
    @Nullable
    AuditEntry.PortalLink next(Instant occurredAt, AuditRecord record) throws SQLException {
        String portal = record.portalId();
        if (portal == null) {
            return null;
        }
        AuditRows.Head head = moved.containsKey(portal) ? moved.get(portal) : stored(portal);
        long seq = head.seq() + 1;
        AuditEntry.PortalLink link = new AuditEntry.PortalLink(seq, head.hash(),
                AuditEntry.computeHash(seq, occurredAt, record, head.hash()));
        moved.put(portal, new AuditRows.Head(seq, link.hash()));
        return link;
    }

    private AuditRows.Head stored(String portalId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_portal_head WHERE portal_id = ?")) {
            s.setString(1, portalId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new AuditRows.Head(rs.getLong(1), rs.getString(2)) : AuditRows.Head.EMPTY;
            }
        }
    }

    /** Writes the full chain's head and the portals' heads that moved. */
    void save(AuditRows.Head head) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            update.setLong(1, head.seq());
            update.setString(2, head.hash());
            update.executeUpdate();
        }
        savePortals();
    }

    /** Writes the portals' heads that moved. */
    void savePortals() throws SQLException {
        for (Map.Entry<String, AuditRows.Head> portal : moved.entrySet()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE audit_portal_head SET last_seq = ?, last_hash = ? WHERE portal_id = ?")) {
                update.setLong(1, portal.getValue().seq());
                update.setString(2, portal.getValue().hash());
                update.setString(3, portal.getKey());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                // only sequencers write heads, one at a time (the audit_head lock): no one inserts it meanwhile
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO audit_portal_head (portal_id, last_seq, last_hash) VALUES (?, ?, ?)")) {
                    insert.setString(1, portal.getKey());
                    insert.setLong(2, portal.getValue().seq());
                    insert.setString(3, portal.getValue().hash());
                    insert.executeUpdate();
                }
            }
        }
    }
}
