package io.kyso.signer.audit;

import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal verifies its own chain completely, and its answer does not move when another portal works:
 * it learns nothing of them, not even how much they do.
 */
@KysoService
class AuditPortalIsolationTest {
    private static KysoTestService kyso;

    @Test
    void shouldAnswerAPortalTheSameWhateverAnotherPortalDoes() {
        kyso.enrollPending("Trưng Trắc", "079099000901", "+84901000901", null);
        Map<String, Object> before = kyso.get("/api/v1/audit/verify").map();

        Map<String, Object> other = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000902", "fullName",
                "Trưng Nhị", "phone", "+84901000902"), KysoTestService.OTHER_API_KEY).map();
        kyso.activate(other);
        for (int i = 0; i < 3; i++) {
            kyso.post("/api/v1/signing-requests", Map.of("citizenId", other.get("id"), "title", "Hồ sơ " + i,
                    "documents", List.of(pdf("b.pdf", TestPdfs.small()))), KysoTestService.OTHER_API_KEY);
        }
        Map<String, Object> after = kyso.get("/api/v1/audit/verify").map();
        Map<String, Object> others = kyso.get("/api/v1/audit/verify", KysoTestService.OTHER_API_KEY).map();

        assertEquals(true, before.get("valid"), before::toString);
        assertEquals(chainOnly(before), chainOnly(after), "the development portal's chain is the same");
        assertEquals("portal:dev-portal", after.get("chain"));
        assertEquals(2L, ((Number) after.get("entries")).longValue(), "its entries: the enrollment, its activation started");
        assertEquals(true, others.get("valid"), others::toString);
        assertEquals("portal:other", others.get("chain"));
        assertTrue(((Number) others.get("entries")).longValue() >= 7, others::toString);
    }

    /** The answer without its seal, which the service may add at any time (its sealing interval). */
    private static Map<String, Object> chainOnly(Map<String, Object> verified) {
        Map<String, Object> chain = new java.util.HashMap<>(verified);
        chain.remove("sealedSeq");
        chain.remove("sealedAt");
        return chain;
    }
}
