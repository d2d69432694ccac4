package io.kyso.signer.audit;

import io.kyso.signer.persistence.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit tables' rows: a record's columns (shared by audit_pending and audit_event) and a chained entry's. */
final class AuditRows {
    /** The record's columns, in the order {@link #setRecord} fills them. */
    static final String RECORD_COLUMNS =
            "occurred_at, event_type, portal_id, actor, request_id, document_id, document_sha256, outcome, detail";

    private AuditRows() {
    }

    /** A record waiting to be chained, with the time it happened and its place in the queue. */
    record Pending(long id, Instant occurredAt, AuditRecord record) {
    }

    /** Fills the record's columns from parameter {@code first} on; returns the next parameter index. */
    static int setRecord(PreparedStatement s, int first, Instant occurredAt, AuditRecord r) throws SQLException {
        int i = first;
        Jdbc.setInstant(s, i++, occurredAt);
        s.setString(i++, r.type().name());
        s.setString(i++, r.portalId());
        s.setString(i++, r.actor());
        s.setObject(i++, r.requestId());
        s.setObject(i++, r.documentId());
        s.setString(i++, r.documentSha256());
        s.setString(i++, r.outcome().name());
        s.setString(i++, r.detail());
        return i;
    }

    static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(
                AuditEventType.valueOf(rs.getString("event_type")),
                rs.getString("actor"),
                rs.getString("portal_id"),
                rs.getObject("request_id", UUID.class),
                rs.getObject("document_id", UUID.class),
                rs.getString("document_sha256"),
                AuditRecord.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"));
    }

    static Pending pending(ResultSet rs) throws SQLException {
        return new Pending(rs.getLong("id"), Jdbc.getInstant(rs, "occurred_at"), record(rs));
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        long portalSeq = rs.getLong("portal_seq");
        AuditEntry.PortalLink link = rs.wasNull() ? null
                : new AuditEntry.PortalLink(portalSeq, rs.getString("portal_prev_hash"), rs.getString("portal_hash"));
        return new AuditEntry(rs.getLong("seq"), Jdbc.getInstant(rs, "occurred_at"), record(rs),
                rs.getString("prev_hash"), rs.getString("entry_hash"), link, rs.getString("mac"));
    }

    /** Inserts chained entries, one batch. */
    static void insert(Connection c, List<AuditEntry> entries) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_event (seq, " + RECORD_COLUMNS
                + ", prev_hash, entry_hash, portal_seq, portal_prev_hash, portal_hash, mac)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : entries) {
                insert.setLong(1, e.seq());
                int i = setRecord(insert, 2, e.occurredAt(), e.record());
                insert.setString(i++, e.prevHash());
                insert.setString(i++, e.entryHash());
                AuditEntry.PortalLink link = e.portalLink();
                insert.setObject(i++, link == null ? null : link.seq());
                insert.setString(i++, link == null ? null : link.prevHash());
                insert.setString(i++, link == null ? null : link.hash());
                insert.setString(i, e.mac());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The head of a chain: its last sequence number and hash ({@code 0} and the genesis hash when empty). */
    record Head(long seq, String hash) {
        static final Head EMPTY = new Head(0, AuditEntry.GENESIS);
    }
}
