package io.kyso.signer.confirmation;

import io.kyso.signer.testing.AdjustableClock;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Code lifetime, resends and the per-citizen lock, on a service whose clock the test moves forward
 * (codes live their default 5 minutes without the test waiting for them), resends need no pause,
 * 6 failures block a citizen.
 */
@KysoService(properties = {"kyso.test.adjustable-clock=true", "kyso.otp.resend-interval=0s",
        "kyso.otp.citizen-failure-limit=6"})
class CodeLimitsTest {
    private static KysoTestService kyso;

    private static String request(Object citizenId) {
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        return created.string("id");
    }

    private static ApiResponse confirm(String id, String otp) {
        return kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", otp));
    }

    @Test
    void shouldRefuseAnExpiredCodeAndAcceptTheResentOne() {
        Map<String, Object> citizen = kyso.enroll("Lê Văn Tám", "079099000101", "+84901000101", null);
        String id = request(citizen.get("id"));
        String code = kyso.latestCode("+84901000101");
        AdjustableClock.of(kyso).advance(Duration.ofMinutes(5).plusSeconds(1));
        ApiResponse expired = confirm(id, code);
        assertEquals(410, expired.status(), expired::toString);
        assertEquals("otp.expired", expired.code());
        assertEquals(200, kyso.post("/api/v1/signing-requests/" + id + "/otp", null).status());
        assertEquals("SIGNED", confirm(id, kyso.latestCode("+84901000101")).string("status"));
    }

    @Test
    void shouldAllowThreeResendsAndInvalidateEarlierCodes() {
        Map<String, Object> citizen = kyso.enroll("Trần Thị Mai", "079099000102", "+84901000102", null);
        String id = request(citizen.get("id"));
        String first = kyso.latestCode("+84901000102");
        for (int i = 0; i < 3; i++) {
            ApiResponse resent = kyso.post("/api/v1/signing-requests/" + id + "/otp", null);
            assertEquals(200, resent.status(), resent::toString);
        }
        ApiResponse fourth = kyso.post("/api/v1/signing-requests/" + id + "/otp", null);
        assertEquals(429, fourth.status());
        assertEquals("otp.resend_limit", fourth.code());
        String latest = kyso.latestCode("+84901000102");
        if (!first.equals(latest)) {
            assertEquals("otp.invalid", confirm(id, first).code());
        }
        assertEquals("SIGNED", confirm(id, latest).string("status"));
    }

    @Test
    void shouldBlockACitizenAfterTooManyWrongCodesAcrossRequests() {
        Map<String, Object> citizen = kyso.enroll("Phạm Văn Đồng", "079099000103", "+84901000103", null);
        for (int r = 0; r < 2; r++) {
            String id = request(citizen.get("id"));
            for (int i = 0; i < 3; i++) {
                confirm(id, "000000".equals(kyso.latestCode("+84901000103")) ? "000001" : "000000");
            }
        }
        ApiResponse blocked = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(423, blocked.status(), blocked::toString);
        assertEquals("citizen.locked", blocked.code());
        assertTrue(blocked.headers().firstValue("retry-after").isPresent());
    }
}
