package io.kyso.signer.testing;

import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.persistence.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** Reads the audit table directly, as an auditor with database access would, once every committed record is chained. */
public final class AuditQueries {
    private AuditQueries() {
    }

    /** How many entries of {@code eventType} the audit log holds for the request. */
    public static long count(KysoTestService kyso, String eventType, String requestId) {
        kyso.context().getBean(AuditLog.class).flush(); // the sequencer chains what was committed first
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND request_id = ?")) {
                s.setString(1, eventType);
                s.setObject(2, UUID.fromString(requestId));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** How many entries of {@code eventType} the whole audit log holds. */
    public static long countAll(KysoTestService kyso, String eventType) {
        kyso.context().getBean(AuditLog.class).flush();
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE event_type = ?")) {
                s.setString(1, eventType);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
