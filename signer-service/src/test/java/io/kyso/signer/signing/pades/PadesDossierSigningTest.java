package io.kyso.signer.signing.pades;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal's whole path: enroll, send a PDF dossier, the citizen's code, signed PDFs back; every
 * signed PDF checked by EU DSS (PAdES-BASELINE-LT, the default level, TOTAL_PASSED under the
 * development root with its CRLs) and by poppler's pdfsig, and a copy changed inside the signed range
 * rejected by both.
 */
@KysoService
public class PadesDossierSigningTest {
    private static KysoTestService kyso;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"EC_P256, 079099000001, +84912345678", "RSA_2048, 079099000002, +84912345679",
            "RSA_3072, 079099000003, +84912345670"})
    void shouldSignEveryDocumentOfADossierAfterTheCitizensCode(String keyAlgorithm, String nationalId, String phone)
            throws Exception {
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Hồng Nhung", nationalId, phone, keyAlgorithm);
        assertEquals(keyAlgorithm, citizen.get("keyAlgorithm"));
        assertTrue(((String) citizen.get("certificate")).contains("BEGIN CERTIFICATE"));

        byte[] first = TestPdfs.withPages(10, "Giay de nghi");
        byte[] second = TestPdfs.small();
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ đăng ký hộ kinh doanh",
                List.of(pdf("de-nghi.pdf", first), pdf("cam-ket.pdf", second)));
        assertEquals(201, created.status(), created::toString);
        assertEquals("AWAITING_CONFIRMATION", created.string("status"));
        assertNotNull(created.string("reference"));
        assertTrue(created.string("confirmationUrl").contains("/c/"));
        assertEquals(sha256(first), documents(created).get(0).get("sha256"));
        assertEquals(10, ((Number) documents(created).get(0).get("pages")).intValue());

        String id = created.string("id");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode(phone)));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("SIGNED", confirmed.string("status"));
        assertNull(confirmed.map().get("confirmationUrl"));

        List<byte[]> signedPdfs = new ArrayList<>();
        for (Map<String, Object> doc : documents(confirmed)) {
            String base = "/api/v1/signing-requests/" + id + "/documents/" + doc.get("id");
            ApiResponse signed = kyso.get(base + "/signed");
            assertEquals(200, signed.status());
            assertEquals("application/pdf", signed.contentType());
            assertTrue(signed.headers().firstValue("content-disposition").orElse("").contains("-signed.pdf"));
            assertEquals("no-store", signed.headers().firstValue("cache-control").orElse(""));
            assertEquals(doc.get("signedSha256"), sha256(signed.body()));
            assertEquals(doc.get("sha256"), sha256(kyso.get(base + "/original").body()));
            signedPdfs.add(signed.body());
        }
        byte[] crl = kyso.crl();
        byte[] rootCrl = kyso.rootCrl();
        for (byte[] signed : signedPdfs) {
            IndependentValidators.assertPadesValid(signed, "PAdES-BASELINE-LT", kyso.rootCertificate(), crl, rootCrl);
            IndependentValidators.assertPdfsigValid(signed);
            byte[] tampered = changeInsideSignedRange(signed);
            IndependentValidators.assertDssRejects(tampered, kyso.rootCertificate(), crl, rootCrl);
            IndependentValidators.assertPdfsigInvalid(tampered);
        }
    }

    /** Changes one byte of the page text, which lies in the first signed range of the file. */
    public static byte[] changeInsideSignedRange(byte[] pdf) {
        byte[] copy = pdf.clone();
        String text = new String(copy, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/Producer");
        if (at < 0 || at > text.indexOf("/ByteRange")) {
            at = text.indexOf("/Type");
        }
        copy[at + 2] ^= 0x01;
        return copy;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> documents(ApiResponse response) {
        return (List<Map<String, Object>>) response.map().get("documents");
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
