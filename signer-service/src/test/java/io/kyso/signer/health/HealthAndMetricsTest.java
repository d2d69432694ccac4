package io.kyso.signer.health;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness, readiness with a real HSM signature, and the service's metrics in Prometheus format. */
@KysoService
class HealthAndMetricsTest {
    private static KysoTestService kyso;

    @Test
    void shouldBeLiveAndReady() {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            ApiResponse health = kyso.get(path, null);
            assertEquals(200, health.status(), path + " " + health);
            assertEquals("UP", health.string("status"));
        }
    }

    @Test
    void shouldCountRequestsSignaturesCodeFailuresAndHsmLatency() {
        Map<String, Object> citizen = kyso.enroll("Hai Bà Trưng", "079099001101", "+84901001101", null);
        String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
        String code = kyso.latestCode("+84901001101");
        kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", "000000".equals(code) ? "000001" : "000000"));
        assertEquals("SIGNED", kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code)).string("status"));

        ApiResponse metrics = kyso.get("/prometheus", null);
        assertEquals(200, metrics.status(), metrics::toString);
        String text = metrics.text();
        assertTrue(text.contains("kyso_requests_completed_total{status=\"SIGNED\"} 1.0"), text);
        assertTrue(text.contains("kyso_signatures_total{format=\"PAdES-BASELINE-LT\"} 1.0"), text);
        assertTrue(text.contains("kyso_codes_failed_total 1.0"), text);
        assertTrue(text.contains("kyso_hsm_sign_seconds_bucket"), text);
    }
}
