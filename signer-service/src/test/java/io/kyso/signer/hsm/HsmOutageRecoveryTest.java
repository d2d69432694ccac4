package io.kyso.signer.hsm;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HSM drops its sessions under load (what a restart or a broken link does to a client: the
 * login and every key handle are gone): requests in flight fail with 503, nothing is half-signed,
 * and the service logs in again by itself — no restart. A code whose signing failed is spent; the
 * fresh code Kyso then sent the citizen signs, once.
 */
class HsmOutageRecoveryTest {
    private static final int REQUESTS = 8;

    @Test
    void shouldFailInFlightRequestsWith503AndRecoverWithoutARestart() throws Exception {
        // the audit's sequencer MACs entries in the HSM every 200 ms and would log the token back in
        // before the confirmations reach it: here only they may meet the outage (AuditQueries flushes)
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.audit.sequencer-interval", "1h"))) {
            Map<String, Object> citizen = kyso.enroll("Lý Công Uẩn", "079099001201", "+84901001201", null);
            Map<String, String> codes = new LinkedHashMap<>();
            Map<String, String> references = new LinkedHashMap<>();
            for (int i = 0; i < REQUESTS; i++) {
                ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ " + i,
                        List.of(pdf("a.pdf", TestPdfs.small()), pdf("b.pdf", TestPdfs.small())));
                codes.put(created.string("id"), kyso.latestCode("+84901001201"));
                references.put(created.string("id"), created.string("reference"));
            }

            ExecutorService load = Executors.newFixedThreadPool(4);
            List<Future<ApiResponse>> answers = new ArrayList<>();
            int submitted = 0;
            for (Map.Entry<String, String> request : codes.entrySet()) {
                answers.add(load.submit(() -> confirm(kyso, request.getKey(), request.getValue())));
                if (++submitted == REQUESTS / 2) {
                    SoftHsm.logOutEverywhere(Path.of(kyso.property("kyso.hsm.library")), kyso.property("kyso.hsm.token-label"));
                }
            }
            int unavailable = 0;
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get();
                assertTrue(response.status() == 200 || "hsm.unavailable".equals(response.code()), response::toString);
                unavailable += response.status() == 503 ? 1 : 0;
            }
            load.shutdown();
            assertTrue(unavailable > 0, "the outage reached requests in flight");

            assertEquals(200, kyso.get("/health/readiness", null).status(), "recovered without a restart");
            for (Map.Entry<String, String> request : codes.entrySet()) {
                ApiResponse state = kyso.get("/api/v1/signing-requests/" + request.getKey());
                if (!"SIGNED".equals(state.string("status"))) {
                    assertEquals("AWAITING_CONFIRMATION", state.string("status"), "never half-signed: " + state);
                    assertEquals("otp.used", confirm(kyso, request.getKey(), request.getValue()).code());
                    String fresh = kyso.latestCode("+84901001201", references.get(request.getKey()));
                    assertEquals("SIGNED", confirm(kyso, request.getKey(), fresh).string("status"));
                }
                assertEquals(2, AuditQueries.count(kyso, "DOCUMENT_SIGNED", request.getKey()), "each document signed exactly once");
            }
        }
    }

    private static ApiResponse confirm(KysoTestService kyso, String id, String code) {
        return kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
    }
}
