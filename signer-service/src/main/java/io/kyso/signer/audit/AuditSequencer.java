package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chains waiting audit records: takes them from {@code audit_pending} in the order they were queued,
 * gives each the next sequence number of the full chain and, if it names a portal, of that portal's
 * chain, computes both hashes and the MAC (in the HSM), writes them to {@code audit_event} and removes
 * them from the queue, all in one short transaction. That transaction locks the {@code audit_head}
 * row, so one sequencer at a time runs, across instances: no gaps, no forks. A record whose
 * transaction commits after a round started is taken by a later round (its sequence number then
 * follows records queued after it: sequence is the order of chaining).
 *
 * <p>If the HSM cannot be reached, the round rolls back and the records stay queued, durable, until
 * a later round; after a crash, the next round on any instance chains what was left. Thread-safe.
 */
@Singleton
public class AuditSequencer {
    static final int BATCH = 500;
    private final Database database;
    private final AuditMac mac;
    private final LegacyEntries legacy;

    public AuditSequencer(Database database, AuditMac mac, LegacyEntries legacy) {
        this.database = database;
        this.mac = mac;
        this.legacy = legacy;
    }

    /** Chains every record committed before the call (and any that commit meanwhile), in rounds of {@value #BATCH}. */
    public void flush() {
        legacy.adoptOnce();
        long mark = database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM audit_pending");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
        if (mark == 0) {
            return;
        }
        while (round(mark) == BATCH) {
            // a full round may have left more: the mark bounds the work even under a steady stream
        }
    }

    /** One round: chains up to {@value #BATCH} waiting records queued at or before {@code mark}. */
    int round(long mark) {
        return database.inTransaction(c -> {
            AuditRows.Head head = lockHead(c);
            List<AuditRows.Pending> batch = waiting(c, mark);
            if (batch.isEmpty()) {
                return 0;
            }
            PortalHeads portals = new PortalHeads(c);
            List<AuditEntry> unsigned = new ArrayList<>(batch.size());
            for (AuditRows.Pending p : batch) {
                long seq = head.seq() + 1;
                String hash = AuditEntry.computeHash(seq, p.occurredAt(), p.record(), head.hash());
                unsigned.add(new AuditEntry(seq, p.occurredAt(), p.record(), head.hash(), hash,
                        portals.next(p.occurredAt(), p.record()), null));
                head = new AuditRows.Head(seq, hash);
            }
            AuditRows.insert(c, withMacs(unsigned));
            remove(c, batch);
            portals.save(head);
            return batch.size();
        });
    }

    private List<AuditEntry> withMacs(List<AuditEntry> entries) {
        List<String> macs = mac.macs(entries.stream().map(AuditEntry::macMessage).toList());
        List<AuditEntry> signed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            signed.add(new AuditEntry(e.seq(), e.occurredAt(), e.record(), e.prevHash(), e.entryHash(), e.portalLink(),
                    macs.get(i)));
        }
        return signed;
    }

    /** Locks the head row: the one place sequencers of every instance wait for each other. */
    static AuditRows.Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("audit_head row is missing");
            }
            return new AuditRows.Head(rs.getLong(1), rs.getString(2));
        }
    }

    private static List<AuditRows.Pending> waiting(Connection c, long mark) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT * FROM audit_pending WHERE id <= ? ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY")) {
            s.setLong(1, mark);
            List<AuditRows.Pending> batch = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    batch.add(AuditRows.pending(rs));
                }
            }
            return batch;
        }
    }

    private static void remove(Connection c, List<AuditRows.Pending> batch) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_pending WHERE id = ?")) {
            for (AuditRows.Pending p : batch) {
                delete.setLong(1, p.id());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
