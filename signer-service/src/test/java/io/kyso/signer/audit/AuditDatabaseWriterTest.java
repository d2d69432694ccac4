package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.audit.AuditSealStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone who can write the database but not use the HSM: an entry edited with every hash after it
 * recomputed (the MACs catch it), the newest entries deleted with the heads rewound (the seal catches
 * it), a whole chain rebuilt (MACs and seals catch it). Each on the full chain and the portal's own.
 */
class AuditDatabaseWriterTest {
    private KysoTestService kyso;

    @BeforeEach
    void start() {
        kyso = KysoTestService.startReachable(Map.of("kyso.audit.full-chain-readers", "dev-portal"));
        Map<String, Object> citizen = kyso.enroll("Đinh Bộ Lĩnh", "079099000701", "+84901000701", null);
        String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
        kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", kyso.latestCode("+84901000701")));
        Map<?, ?> other = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000702", "fullName", "Lý Công Uẩn",
                "phone", "+84901000702"), KysoTestService.OTHER_API_KEY).map();
        assertNotNull(other.get("id"));
        assertValid("full");
        assertValid("portal");
    }

    @AfterEach
    void stop() {
        kyso.close();
    }

    @Test
    void shouldCatchAnEntryEditedWithEveryHashAfterItRecomputed() {
        List<AuditEntry> entries = entries();
        int edited = indexOf(entries, AuditEventType.CODE_SENT);

        rewrite(entries, edited, "CODE_SENT", "CODE_DELIVERY_FAILED");

        Map<String, Object> full = verify("full");
        assertFalse((Boolean) full.get("valid"), full::toString);
        assertEquals(entries.get(edited).seq(), ((Number) full.get("firstBrokenEntry")).longValue(), full::toString);
        assertTrue(full.get("problem").toString().contains("has no valid MAC"), full::toString);
        Map<String, Object> portal = verify("portal");
        assertFalse((Boolean) portal.get("valid"), portal::toString);
        assertEquals(entries.get(edited).portalLink().seq(), ((Number) portal.get("firstBrokenEntry")).longValue());
    }

    @Test
    void shouldCatchTheNewestEntriesDeletedAndTheHeadsRewound() {
        sealHeadsNow();
        List<AuditEntry> entries = entries();
        int firstDeleted = lastIndexOfPortal(entries, "dev-portal"); // the newest entries, the portal's last among them
        AuditEntry keep = entries.get(firstDeleted - 1);
        sql("DELETE FROM audit_event WHERE seq > ?", keep.seq());
        sql("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", keep.seq(), keep.entryHash());
        for (Map.Entry<String, AuditEntry.PortalLink> head : portalHeads(entries.subList(0, firstDeleted)).entrySet()) {
            sql("UPDATE audit_portal_head SET last_seq = ?, last_hash = ? WHERE portal_id = ?", head.getValue().seq(),
                    head.getValue().hash(), head.getKey());
        }

        Map<String, Object> full = verify("full");
        assertFalse((Boolean) full.get("valid"), full::toString);
        assertTrue(full.get("problem").toString().contains("were deleted"), full::toString);
        assertEquals(keep.seq() + 1, ((Number) full.get("firstBrokenEntry")).longValue());
        Map<String, Object> portal = verify("portal");
        assertFalse((Boolean) portal.get("valid"), portal::toString);
        assertTrue(portal.get("problem").toString().contains("were deleted"), portal::toString);
    }

    @Test
    void shouldCatchAChainRebuiltFromTheFirstEntry() {
        sealHeadsNow();
        List<AuditEntry> entries = entries();

        rewrite(entries, 0, "CITIZEN_ENROLLED", "CITIZEN_ENROLLED"); // same content, new time: every hash changes
        Map<String, Object> full = verify("full");

        assertFalse((Boolean) full.get("valid"), full::toString);
        assertEquals(1L, ((Number) full.get("firstBrokenEntry")).longValue(), full::toString);
        assertFalse((Boolean) verify("portal").get("valid"));
        sql("UPDATE audit_event SET mac = NULL");
        assertTrue(verify("full").get("problem").toString().contains("entry 1 has no valid MAC"),
                "an entry stripped of its MAC is never given one once the chain was sealed");
    }

    @Test
    void shouldSealTheHeadsWithTheServiceSealAndATimestamp() {
        sealHeadsNow();
        Map<String, Object> full = verify("full");
        Map<String, Object> portal = verify("portal");

        assertEquals(full.get("lastSeq"), full.get("sealedSeq"), full::toString);
        assertNotNull(full.get("sealedAt"), full::toString);
        assertEquals(portal.get("lastSeq"), portal.get("sealedSeq"), portal::toString);
        assertTrue(((Number) portal.get("lastSeq")).longValue() < ((Number) full.get("lastSeq")).longValue(),
                "the portal's chain holds its own entries only");
    }

    private void sealHeadsNow() {
        AuditLog log = kyso.context().getBean(AuditLog.class);
        AuditSeals seals = kyso.context().getBean(AuditSeals.class);
        log.flush();
        seals.sealHead(AuditSealStatement.FULL_CHAIN, log.head()).orElseThrow();
        seals.sealHead(AuditSealStatement.portalChain("dev-portal"), log.portalHead("dev-portal")).orElseThrow();
    }

    /**
     * Changes the first entry of type {@code from} at or after {@code index} to {@code to}, with a new time,
     * and recomputes every hash from it on, in the full chain and the portals' chains, and the heads: all
     * a database writer can do without the HSM's key.
     */
    private void rewrite(List<AuditEntry> entries, int index, String from, String to) {
        String prev = index == 0 ? AuditEntry.GENESIS : entries.get(index - 1).entryHash();
        Map<String, AuditEntry.PortalLink> portalHeads = portalHeads(entries.subList(0, index));
        List<Object[]> updates = new ArrayList<>();
        for (int i = index; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            AuditRecord r = e.record();
            if (i == index) {
                assertEquals(from, r.type().name());
                r = new AuditRecord(AuditEventType.valueOf(to), r.actor(), r.portalId(), r.requestId(), r.documentId(),
                        r.documentSha256(), r.outcome(), r.detail());
            }
            java.time.Instant at = i == index ? e.occurredAt().plusMillis(1) : e.occurredAt();
            String hash = AuditEntry.computeHash(e.seq(), at, r, prev);
            AuditEntry.PortalLink link = null;
            if (r.portalId() != null) {
                AuditEntry.PortalLink before = portalHeads.get(r.portalId());
                long pseq = before == null ? 1 : before.seq() + 1;
                String pprev = before == null ? AuditEntry.GENESIS : before.hash();
                link = new AuditEntry.PortalLink(pseq, pprev, AuditEntry.computeHash(pseq, at, r, pprev));
                portalHeads.put(r.portalId(), link);
            }
            updates.add(new Object[] {r.type().name(), at.atOffset(java.time.ZoneOffset.UTC), prev, hash,
                    link == null ? null : link.prevHash(), link == null ? null : link.hash(), e.seq()});
            prev = hash;
        }
        for (Object[] u : updates) {
            sql("UPDATE audit_event SET event_type = ?, occurred_at = ?, prev_hash = ?, entry_hash = ?,"
                    + " portal_prev_hash = ?, portal_hash = ? WHERE seq = ?", u);
        }
        sql("UPDATE audit_head SET last_hash = ? WHERE id = 1", prev);
        portalHeads.forEach((portal, link) -> sql("UPDATE audit_portal_head SET last_hash = ? WHERE portal_id = ?",
                link.hash(), portal));
    }

    private static Map<String, AuditEntry.PortalLink> portalHeads(List<AuditEntry> entries) {
        Map<String, AuditEntry.PortalLink> heads = new HashMap<>();
        entries.stream().filter(e -> e.portalLink() != null).forEach(e -> heads.put(e.record().portalId(), e.portalLink()));
        return heads;
    }

    private static int indexOf(List<AuditEntry> entries, AuditEventType type) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).record().type() == type) {
                return i;
            }
        }
        throw new AssertionError(type + " not in the log");
    }

    private static int lastIndexOfPortal(List<AuditEntry> entries, String portal) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (portal.equals(entries.get(i).record().portalId())) {
                return i;
            }
        }
        throw new AssertionError("no entry of " + portal);
    }

    private List<AuditEntry> entries() {
        AuditLog log = kyso.context().getBean(AuditLog.class);
        log.flush();
        List<AuditEntry> entries = new ArrayList<>();
        log.forEach(Long.MAX_VALUE, entries::add);
        return entries;
    }

    private void sql(String statement, Object... args) {
        kyso.context().getBean(Database.class).inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private Map<String, Object> verify(String scope) {
        ApiResponse answer = kyso.get("/api/v1/audit/verify?scope=" + scope);
        assertEquals(200, answer.status(), answer::toString);
        return answer.map();
    }

    private void assertValid(String scope) {
        Map<String, Object> result = verify(scope);
        assertEquals(true, result.get("valid"), result::toString);
    }
}
