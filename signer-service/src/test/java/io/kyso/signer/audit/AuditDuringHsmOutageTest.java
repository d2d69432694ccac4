package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.FlakyHsm;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the HSM is away, API calls that need no signature go on and their audit records wait,
 * durable, unchained (no MAC can be made); verification answers 503 rather than "valid"; once the
 * HSM is back, the waiting records are chained and the chain verifies.
 */
@KysoService(properties = "kyso.test.flaky-hsm=true")
class AuditDuringHsmOutageTest {
    private static KysoTestService kyso;

    @AfterEach
    void heal() {
        FlakyHsm.heal();
    }

    @Test
    void shouldKeepRecordsWaitingWhileTheHsmIsAwayAndChainThemWhenItIsBack() {
        Map<String, Object> citizen = kyso.enroll("Ngô Quyền", "079099000801", "+84901000801", null);
        FlakyHsm.failAfter(0);

        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        ApiResponse during = kyso.get("/api/v1/audit/verify");
        assertEquals(503, during.status(), during::toString);
        assertEquals("hsm.unavailable", during.code());
        assertEquals(503, kyso.get("/api/v1/audit/export").status());
        assertTrue(count("SELECT COUNT(*) FROM audit_pending WHERE event_type = 'REQUEST_CREATED'") == 1,
                "the record waits, committed with the request");

        FlakyHsm.heal();
        ApiResponse after = kyso.get("/api/v1/audit/verify");
        assertEquals(200, after.status(), after::toString);
        assertEquals(true, after.map().get("valid"), after::toString);
        assertEquals(0, count("SELECT COUNT(*) FROM audit_pending"));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'REQUEST_CREATED' AND request_id = '"
                + created.string("id") + "'"));
    }

    private static long count(String sql) {
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
