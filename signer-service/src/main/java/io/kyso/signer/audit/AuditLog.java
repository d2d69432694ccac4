package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
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
 * The audit log: appends records and reads chained entries back in order.
 *
 * <p>An append only inserts the record into {@code audit_pending}, in the caller's transaction: it
 * commits (durably) or rolls back with the change it describes, and touches no row that another
 * call also needs, so API calls do not wait for one another here. The {@link AuditSequencer} gives
 * waiting records their sequence numbers, hashes and MACs shortly after; every read that must be
 * complete ({@link #forRequest}, verification, export, evidence) has it {@link #flush()} first.
 */
@Singleton
public class AuditLog {
    private final Database database;
    private final AuditSequencer sequencer;
    private final Clock clock;

    public AuditLog(Database database, AuditSequencer sequencer, Clock clock) {
        this.database = database;
        this.sequencer = sequencer;
        this.clock = clock;
    }

    /** Appends in the caller's transaction. */
    public void append(Connection connection, AuditRecord record) throws SQLException {
        // Stored with microsecond precision by both databases: hash what will be read back.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_pending ("
                + AuditRows.RECORD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            AuditRows.setRecord(insert, 1, at, record);
            insert.executeUpdate();
        }
    }

    /** Appends in a transaction of its own. */
    public void append(AuditRecord record) {
        database.inTransaction(connection -> {
            append(connection, record);
            return null;
        });
    }

    /**
     * Chains every record committed before this call, so that what is read next includes it.
     *
     * @throws io.kyso.hsm.TokenUnavailableException if the HSM cannot give the entries their MACs
     *     (they stay waiting, and are chained once it is back)
     */
    public void flush() {
        sequencer.flush();
    }

    /** The full chain's head, as the head row records it. */
    AuditRows.Head head() {
        return database.read(c -> head(c, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", null));
    }

    /** The head of the portal's own chain (empty if it has no entry yet). */
    AuditRows.Head portalHead(String portalId) {
        return database.read(c -> head(c, "SELECT last_seq, last_hash FROM audit_portal_head WHERE portal_id = ?",
                portalId));
    }

    private static AuditRows.Head head(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new AuditRows.Head(rs.getLong(1), rs.getString(2)) : AuditRows.Head.EMPTY;
            }
        }
    }

    /** Streams the full chain's entries up to {@code lastSeq}, in sequence order, to {@code sink}. */
    void forEach(long lastSeq, Consumer<AuditEntry> sink) {
        stream("SELECT * FROM audit_event WHERE seq <= ? ORDER BY seq", null, lastSeq, sink);
    }

    /** Streams the portal's chain up to its entry {@code lastSeq}, in that chain's order, to {@code sink}. */
    void forEachOfPortal(String portalId, long lastSeq, Consumer<AuditEntry> sink) {
        stream("SELECT * FROM audit_event WHERE portal_id = ? AND portal_seq <= ? ORDER BY portal_seq", portalId,
                lastSeq, sink);
    }

    private void stream(String sql, String portalId, long lastSeq, Consumer<AuditEntry> sink) {
        database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                if (portalId != null) {
                    select.setString(i++, portalId);
                }
                select.setLong(i, lastSeq);
                select.setFetchSize(500);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(AuditRows.entry(rs));
                    }
                }
            }
            return null;
        });
    }

    /** The portal's entries about one signing request, in order, every entry committed before the call included. */
    public List<AuditEntry> forRequest(String portalId, UUID requestId) {
        flush();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM audit_event WHERE request_id = ? AND portal_id = ? ORDER BY seq")) {
                select.setObject(1, requestId);
                select.setString(2, portalId);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(AuditRows.entry(rs));
                    }
                }
                return entries;
            }
        });
    }
}
