package io.kyso.signer.request;

import io.kyso.signer.signing.pades.PadesDossierSigningTest;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.FlakyHsm;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HSM fails half-way through a dossier: nothing is delivered, and the same code signs it later, once. */
@KysoService(properties = "kyso.test.flaky-hsm=true")
class AllOrNothingSigningTest {
    private static KysoTestService kyso;

    @AfterAll
    static void stop() {
        FlakyHsm.heal();
    }

    @Test
    void shouldDeliverNothingWhenTheHsmFailsHalfWayAndSignOnceWithTheFreshCode() throws IOException {
        Map<String, Object> citizen = kyso.enroll("Mạc Đĩnh Chi", "079099000701", "+84901000701", null);
        // at B-B, so that what fails is the citizen's key; above it Kyso's development timestamping
        // authority and OCSP responder sign with the same HSM and fail first (LongTermSourcesOutageTest)
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ ba tài liệu", List.of(
                basic(pdf("1.pdf", TestPdfs.small())), basic(pdf("2.pdf", TestPdfs.small())),
                basic(pdf("3.pdf", TestPdfs.small()))));
        String id = created.string("id");
        String code = kyso.latestCode("+84901000701");

        FlakyHsm.failAfter(0); // the dossier is signed in one batch: the HSM goes away at it
        ApiResponse failed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
        assertEquals(503, failed.status(), failed::toString);
        assertEquals("hsm.unavailable", failed.code());

        ApiResponse after = kyso.get("/api/v1/signing-requests/" + id);
        assertEquals("AWAITING_CONFIRMATION", after.string("status"));
        assertEquals("hsm.unavailable", after.string("lastError"));
        for (Map<String, Object> doc : PadesDossierSigningTest.documents(after)) {
            assertEquals("PENDING", doc.get("status"));
            ApiResponse download = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + doc.get("id") + "/signed");
            assertEquals(409, download.status());
            assertEquals("document.not_signed", download.code());
        }
        assertEquals(0, signedFiles(id), "no signed file is left in storage");

        FlakyHsm.heal();
        ApiResponse spent = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
        assertEquals(410, spent.status(), "a code is used once, even when its signing failed: " + spent);
        assertEquals("otp.used", spent.code());
        String fresh = kyso.latestCode("+84901000701", created.string("reference"));
        ApiResponse retried = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", fresh));
        assertEquals("SIGNED", retried.string("status"), retried::toString);
        assertEquals(3, signedFiles(id));
        assertEquals(3, AuditQueries.count(kyso, "DOCUMENT_SIGNED", id), "each document signed exactly once");
    }

    private static Map<String, Object> basic(Map<String, Object> document) {
        Map<String, Object> at = new java.util.HashMap<>(document);
        at.put("options", Map.of("level", "B-B"));
        return at;
    }

    private static long signedFiles(String requestId) throws IOException {
        Path dir = kyso.dataDir().resolve("documents/signed/" + requestId);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
