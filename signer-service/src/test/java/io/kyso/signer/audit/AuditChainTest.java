package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log records the whole flow, verifies end to end, and locates an edited, deleted or swapped
 * entry of the full chain, which the development portal may verify here as an auditor.
 */
class AuditChainTest {
    private KysoTestService kyso;

    @BeforeEach
    void start() {
        kyso = KysoTestService.start(Map.of("kyso.audit.full-chain-readers", "dev-portal"));
        Map<String, Object> citizen = kyso.enroll("Bùi Thị Xuân", "079099000401", "+84901000401", null);
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        String id = created.string("id");
        kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", "000000"));
        kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", kyso.latestCode("+84901000401")));
    }

    @AfterEach
    void stop() {
        kyso.close();
    }

    private ApiResponse verify() {
        ApiResponse answer = kyso.get("/api/v1/audit/verify?scope=full");
        assertEquals(200, answer.status(), answer::toString);
        return answer;
    }

    /** A database writer at work, on the entries chained so far: every record committed before. */
    private void sql(String statement, Object... args) {
        kyso.context().getBean(AuditLog.class).flush();
        kyso.context().getBean(Database.class).inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private List<String> eventTypes() {
        kyso.context().getBean(AuditLog.class).flush();
        return kyso.context().getBean(Database.class).read(c -> {
            List<String> types = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT event_type FROM audit_event ORDER BY seq");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            return types;
        });
    }

    @Test
    void shouldRecordEveryStepOfTheFlowAndVerify() {
        List<String> types = eventTypes();
        for (String expected : List.of("CITIZEN_ENROLLED", "REQUEST_CREATED", "CODE_SENT", "CODE_FAILED",
                "REQUEST_CONFIRMED", "DOCUMENT_SIGNED", "REQUEST_SIGNED")) {
            assertTrue(types.contains(expected), expected + " missing from " + types);
        }
        ApiResponse result = verify();
        assertEquals(true, result.map().get("valid"));
        assertEquals(types.size(), ((Number) result.map().get("entries")).intValue());
        assertNull(result.map().get("firstBrokenEntry"));
    }

    @Test
    void shouldLocateAnEditedEntry() {
        sql("UPDATE audit_event SET outcome = 'SUCCESS', detail = NULL WHERE seq = 4");
        ApiResponse result = verify();
        assertFalse((Boolean) result.map().get("valid"));
        assertEquals(4, ((Number) result.map().get("firstBrokenEntry")).intValue());
    }

    @Test
    void shouldLocateADeletedEntry() {
        sql("DELETE FROM audit_event WHERE seq = 3");
        ApiResponse result = verify();
        assertFalse((Boolean) result.map().get("valid"));
        assertEquals(3, ((Number) result.map().get("firstBrokenEntry")).intValue());
        assertEquals("entry 3 is missing", result.map().get("problem"));
    }

    @Test
    void shouldLocateTheLastEntryDeleted() {
        long last = eventTypes().size();
        sql("DELETE FROM audit_event WHERE seq = ?", last);
        ApiResponse result = verify();
        assertFalse((Boolean) result.map().get("valid"));
        assertEquals(last, ((Number) result.map().get("firstBrokenEntry")).longValue());
    }

    @Test
    void shouldLocateSwappedEntries() {
        sql("UPDATE audit_event SET seq = -1 WHERE seq = 2");
        sql("UPDATE audit_event SET seq = 2 WHERE seq = 3");
        sql("UPDATE audit_event SET seq = 3 WHERE seq = -1");
        ApiResponse result = verify();
        assertFalse((Boolean) result.map().get("valid"));
        assertEquals(2, ((Number) result.map().get("firstBrokenEntry")).intValue());
    }
}
