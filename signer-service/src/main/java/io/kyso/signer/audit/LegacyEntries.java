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
 * Entries chained before MACs and portal chains existed: each gets its place in its portal's chain and
 * its MAC, in sequence order, so that every entry is alike afterwards. Only by the process that created
 * the HSM's MAC key (the first start of the upgraded service) and only while no seal exists: any other
 * time, an entry without a MAC was stripped of it, and adopting it would vouch for whatever a database
 * writer put there. Checked once per process, at its first flush.
 */
@Singleton
class LegacyEntries {
    private final Database database;
    private final AuditMac mac;
    private volatile boolean done;

    LegacyEntries(Database database, AuditMac mac) {
        this.database = database;
        this.mac = mac;
    }

    void adoptOnce() {
        if (done) {
            return;
        }
        synchronized (this) {
            mac.ensureKey();
            if (!mac.createdHere()) {
                done = true;
                return;
            }
            while (!done) {
                done = database.inTransaction(this::adoptRound);
            }
        }
    }

    /** Adopts up to a batch; true when none is left. */
    private boolean adoptRound(Connection c) throws SQLException {
        AuditSequencer.lockHead(c);
        if (sealed(c)) {
            return true;
        }
        List<AuditEntry> legacy = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_event WHERE mac IS NULL ORDER BY seq FETCH FIRST "
                + AuditSequencer.BATCH + " ROWS ONLY"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                legacy.add(AuditRows.entry(rs));
            }
        }
        if (legacy.isEmpty()) {
            return true;
        }
        PortalHeads portals = new PortalHeads(c);
        List<AuditEntry> linked = new ArrayList<>();
        for (AuditEntry e : legacy) {
            linked.add(new AuditEntry(e.seq(), e.occurredAt(), e.record(), e.prevHash(), e.entryHash(),
                    portals.next(e.occurredAt(), e.record()), null));
        }
        List<String> macs = mac.macs(linked.stream().map(AuditEntry::macMessage).toList());
        try (PreparedStatement update = c.prepareStatement("UPDATE audit_event SET portal_seq = ?, portal_prev_hash = ?,"
                + " portal_hash = ?, mac = ? WHERE seq = ?")) {
            for (int i = 0; i < linked.size(); i++) {
                AuditEntry.PortalLink link = linked.get(i).portalLink();
                update.setObject(1, link == null ? null : link.seq());
                update.setString(2, link == null ? null : link.prevHash());
                update.setString(3, link == null ? null : link.hash());
                update.setString(4, macs.get(i));
                update.setLong(5, linked.get(i).seq());
                update.addBatch();
            }
            update.executeBatch();
        }
        portals.savePortals();
        return legacy.size() < AuditSequencer.BATCH;
    }

    private static boolean sealed(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_seal FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }
}
