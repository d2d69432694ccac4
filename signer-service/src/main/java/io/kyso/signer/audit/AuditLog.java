package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Appends entries to the hash-chained audit log and reads them back in order.
 *
 * <p>Appends lock the single {@code audit_head} row, so entries get gap-free sequence numbers and
 * each one chains to its predecessor even with several threads or service instances. Appending
 * inside the caller's transaction makes the entry commit (or roll back) with the change it
 * describes.
 */
@Singleton
public class AuditLog {
    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends in the caller's transaction. */
    public AuditEntry append(Connection connection, AuditRecord record) throws SQLException {
        long lastSeq;
        String lastHash;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("audit_head row is missing");
            }
            lastSeq = rs.getLong(1);
            lastHash = rs.getString(2);
        }
        long seq = lastSeq + 1;
        // Stored with microsecond precision by both databases: hash what will be read back.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = AuditEntry.computeHash(seq, at, record, lastHash);
        insert(connection, new AuditEntry(seq, at, record, lastHash, hash));
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, hash);
            update.executeUpdate();
        }
        return new AuditEntry(seq, at, record, lastHash, hash);
    }

    /** Appends in a transaction of its own. */
    public AuditEntry append(AuditRecord record) {
        return database.inTransaction(connection -> append(connection, record));
    }

    /** The sequence number of the last entry appended, as the head row records it. */
    public long headSeq() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT last_seq FROM audit_head WHERE id = 1");
                 ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Streams every entry in sequence order to {@code sink}. */
    public void forEach(Consumer<AuditEntry> sink) {
        database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM audit_event ORDER BY seq")) {
                select.setFetchSize(500);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(read(rs));
                    }
                }
            }
            return null;
        });
    }

    /** The portal's entries about one signing request, in sequence order. */
    public List<AuditEntry> forRequest(String portalId, UUID requestId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM audit_event WHERE request_id = ? AND portal_id = ? ORDER BY seq")) {
                select.setObject(1, requestId);
                select.setString(2, portalId);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(read(rs));
                    }
                }
                return entries;
            }
        });
    }

    private static void insert(Connection connection, AuditEntry entry) throws SQLException {
        AuditRecord r = entry.record();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_event (seq, occurred_at, event_type, portal_id, actor, request_id, document_id,
                                         document_sha256, outcome, detail, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, entry.seq());
            Jdbc.setInstant(insert, 2, entry.occurredAt());
            insert.setString(3, r.type().name());
            insert.setString(4, r.portalId());
            insert.setString(5, r.actor());
            insert.setObject(6, r.requestId());
            insert.setObject(7, r.documentId());
            insert.setString(8, r.documentSha256());
            insert.setString(9, r.outcome().name());
            insert.setString(10, r.detail());
            insert.setString(11, entry.prevHash());
            insert.setString(12, entry.entryHash());
            insert.executeUpdate();
        }
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        AuditRecord record = new AuditRecord(
                AuditEventType.valueOf(rs.getString("event_type")),
                rs.getString("actor"),
                rs.getString("portal_id"),
                rs.getObject("request_id", UUID.class),
                rs.getObject("document_id", UUID.class),
                rs.getString("document_sha256"),
                AuditRecord.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"));
        return new AuditEntry(rs.getLong("seq"), Jdbc.getInstant(rs, "occurred_at"), record,
                rs.getString("prev_hash"), rs.getString("entry_hash"));
    }
}
