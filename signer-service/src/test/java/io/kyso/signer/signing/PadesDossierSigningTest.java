package io.kyso.signer.signing;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A portal's whole path: enroll, send a PDF dossier, the citizen's code, signed PDFs back. */
class PadesDossierSigningTest {
    private static KysoTestService kyso;

    @BeforeAll
    static void start() {
        kyso = KysoTestService.start();
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    @Test
    void shouldSignEveryDocumentOfADossierAfterTheCitizensCode() throws Exception {
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Hồng Nhung", "001234567890", "+84912345678", null);
        assertEquals("EC_P256", citizen.get("keyAlgorithm"));
        assertTrue(((String) citizen.get("certificate")).contains("BEGIN CERTIFICATE"));

        byte[] first = TestPdfs.withPages(10, "Giấy đề nghị");
        byte[] second = TestPdfs.small();
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ đăng ký hộ kinh doanh",
                List.of(pdf("de-nghi.pdf", first), pdf("cam-ket.pdf", second)));
        assertEquals(201, created.status(), created::toString);
        assertEquals("AWAITING_CONFIRMATION", created.string("status"));
        assertNotNull(created.string("reference"));
        assertTrue(created.string("confirmationUrl").contains("/c/"));
        List<Map<String, Object>> docs = documents(created);
        assertEquals(sha256(first), docs.get(0).get("sha256"));
        assertEquals(10, ((Number) docs.get(0).get("pages")).intValue());

        String id = created.string("id");
        String code = kyso.latestCode("+84912345678");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("SIGNED", confirmed.string("status"));
        assertNull(confirmed.map().get("confirmationUrl"));

        for (Map<String, Object> doc : documents(confirmed)) {
            ApiResponse signed = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + doc.get("id") + "/signed");
            assertEquals(200, signed.status());
            assertEquals("application/pdf", signed.contentType());
            assertEquals(doc.get("signedSha256"), sha256(signed.body()));
            ApiResponse original = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + doc.get("id") + "/original");
            assertEquals(doc.get("sha256"), sha256(original.body()));
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(ApiResponse response) {
        return (List<Map<String, Object>>) response.map().get("documents");
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
