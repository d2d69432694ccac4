package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A log written before MACs and portal chains (schema V11) is migrated forward: the first start of the
 * upgraded service, which creates the HSM's MAC key, gives every old entry its place in its portal's
 * chain and its MAC, in order, and new entries follow; both chains verify.
 */
class AuditMigrationTest {
    private static final String TARGET = "flyway.datasources.default.target";

    @Test
    void shouldGiveEntriesWrittenBeforeTheUpgradeTheirMacsAndPortalChains() {
        KysoTestService kyso = KysoTestService.start(Map.of(TARGET, "11", "kyso.audit.sequencer-interval", "1h",
                "kyso.audit.mac-key", "a-key-of-another-service", "kyso.audit.full-chain-readers", "dev-portal"));
        try {
            writeTheOldWay(kyso, List.of("dev-portal", "other", "dev-portal"));
            kyso = kyso.restartWith(Map.of("kyso.audit.sequencer-interval", "200ms"),
                    Set.of(TARGET, "kyso.audit.mac-key"));
            kyso.enrollPending("Lý Thường Kiệt", "079099001101", "+84901001101", null);

            Map<String, Object> full = kyso.get("/api/v1/audit/verify?scope=full").map();
            Map<String, Object> portal = kyso.get("/api/v1/audit/verify").map();

            assertEquals(true, full.get("valid"), full::toString);
            assertEquals(5L, ((Number) full.get("entries")).longValue(), full::toString);
            assertEquals(true, portal.get("valid"), portal::toString);
            assertEquals(4L, ((Number) portal.get("entries")).longValue(),
                    "two old entries, then the enrollment and the start of its activation");
            assertEquals(0L, count(kyso, "SELECT COUNT(*) FROM audit_event WHERE mac IS NULL"));
            assertEquals(2L, count(kyso, "SELECT portal_seq FROM audit_event WHERE seq = 3"), "in the portal's order");
        } finally {
            kyso.close();
        }
    }

    /** Three entries chained as the service did before V12: hash chain and head row only. */
    private static void writeTheOldWay(KysoTestService kyso, List<String> portals) {
        kyso.context().getBean(Database.class).inTransaction(c -> {
            String prev = AuditEntry.GENESIS;
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < portals.size(); i++) {
                AuditRecord record = AuditRecord.of(AuditEventType.REQUEST_CREATED, Actor.SYSTEM).portal(portals.get(i))
                        .request(UUID.randomUUID()).build();
                String hash = AuditEntry.computeHash(i + 1, at, record, prev);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_event (seq, occurred_at, event_type,"
                        + " portal_id, actor, request_id, outcome, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, i + 1);
                    insert.setObject(2, at.atOffset(ZoneOffset.UTC));
                    insert.setString(3, record.type().name());
                    insert.setString(4, record.portalId());
                    insert.setString(5, record.actor());
                    insert.setObject(6, record.requestId());
                    insert.setString(7, record.outcome().name());
                    insert.setString(8, prev);
                    insert.setString(9, hash);
                    insert.executeUpdate();
                }
                prev = hash;
            }
            try (PreparedStatement head = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, portals.size());
                head.setString(2, prev);
                head.executeUpdate();
            }
            return null;
        });
    }

    private static long count(KysoTestService kyso, String sql) {
        kyso.context().getBean(AuditLog.class).flush();
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getLong(1);
            }
        });
    }
}
