package io.kyso.signer.hsm;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With the HSM unreachable the service still starts, says so on /health, and answers 503 hsm.unavailable. */
@KysoService(properties = "kyso.hsm.token-label=no-such-token")
class HsmUnavailableTest {
    private static KysoTestService kyso;

    @Test
    void shouldReportNotReadyButAlive() {
        ApiResponse health = kyso.get("/health", null);
        assertEquals(503, health.status(), health::toString);
        assertEquals("DOWN", health.string("status"));
        assertEquals(503, kyso.get("/health/readiness", null).status());
        assertEquals(200, kyso.get("/health/liveness", null).status(), "an HSM outage is no reason to restart");
    }

    @Test
    void shouldAnswer503WithAClearCodeAndChangeNothing() {
        ApiResponse answer = kyso.post("/api/v1/citizens",
                Map.of("nationalId", "079099000501", "fullName", "Ngô Quyền", "phone", "+84901000501"));
        assertEquals(503, answer.status(), answer::toString);
        assertEquals("hsm.unavailable", answer.code());
        assertFalse(answer.text().contains("no-such-token"), "no internals in the body");
        ApiResponse retry = kyso.post("/api/v1/citizens",
                Map.of("nationalId", "079099000501", "fullName", "Ngô Quyền", "phone", "+84901000501"));
        assertEquals(503, retry.status(), "no half-enrolled citizen left behind: " + retry);
    }
}
