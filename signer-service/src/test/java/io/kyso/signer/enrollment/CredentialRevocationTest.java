package io.kyso.signer.enrollment;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.OTHER_API_KEY;
import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A portal revokes one of its citizens' credentials: final and idempotent, audited once, on the
 * CRL with its reason at once, and the key signs nothing more; another portal cannot touch it.
 */
@KysoService
class CredentialRevocationTest {
    private static KysoTestService kyso;

    @Test
    void shouldRevokeOnceWithTheFirstTimeAndReasonAndAuditIt() throws Exception {
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Minh Khai", "079099003101", "+84901003101", null);
        String path = "/api/v1/citizens/" + citizen.get("id") + "/revocation";
        assertEquals(404, kyso.get(path).status(), "not revoked yet");

        ApiResponse first = kyso.post(path, Map.of("reason", "KEY_COMPROMISE"));
        ApiResponse again = kyso.post(path, Map.of("reason", "SUPERSEDED"));

        assertEquals(200, first.status(), first::toString);
        X509Certificate certificate = certificateOf(citizen);
        assertEquals(certificate.getSerialNumber().toString(16), first.string("certificateSerial"));
        assertEquals("KEY_COMPROMISE", first.string("reason"));
        assertEquals(first.map(), again.map(), "the first revocation stands");
        assertEquals(first.map(), kyso.get(path).map());
        assertEquals(1, revocationsAudited(citizen.get("id").toString()));

        X509CRLEntry listed = ((X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(kyso.crl()))).getRevokedCertificate(certificate);
        assertNotNull(listed, "on the CRL at once");
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, listed.getRevocationReason());
    }

    @Test
    void shouldNeverSignWithARevokedCredential() {
        Map<String, Object> citizen = kyso.enroll("Lý Tự Trọng", "079099003102", "+84901003102", null);
        String requestId = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
        String code = kyso.latestCode("+84901003102");
        kyso.post("/api/v1/citizens/" + citizen.get("id") + "/revocation", Map.of("reason", "PRIVILEGE_WITHDRAWN"));

        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation", Map.of("otp", code));

        assertEquals(409, confirmed.status(), confirmed::toString);
        assertEquals("credential.revoked", confirmed.code());
        ApiResponse request = kyso.get("/api/v1/signing-requests/" + requestId);
        assertEquals("FAILED", request.string("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> document = ((List<Map<String, Object>>) request.map().get("documents")).get(0);
        assertEquals("document.not_signed", kyso.get("/api/v1/signing-requests/" + requestId + "/documents/"
                + document.get("id") + "/signed").code());
    }

    @Test
    void shouldHideAnotherPortalsCitizen() {
        Map<String, Object> citizen = kyso.enroll("Hồ Tùng Mậu", "079099003103", "+84901003103", null);
        String path = "/api/v1/citizens/" + citizen.get("id") + "/revocation";

        ApiResponse foreign = kyso.post(path, Map.of("reason", "KEY_COMPROMISE"), OTHER_API_KEY);

        assertEquals(404, foreign.status());
        assertEquals("citizen.not_found", foreign.code());
        assertEquals(404, kyso.get(path, OTHER_API_KEY).status());
        assertEquals(404, kyso.get(path).status(), "still not revoked");
    }

    @Test
    void shouldRefuseAnUnknownOrMissingReason() {
        Map<String, Object> citizen = kyso.enroll("Võ Văn Tần", "079099003104", "+84901003104", null);
        String path = "/api/v1/citizens/" + citizen.get("id") + "/revocation";

        assertEquals(400, kyso.post(path, Map.of("reason", "CERTIFICATE_HOLD")).status(), "a suspension is not a revocation");
        assertEquals(400, kyso.post(path, Map.of()).status());
        assertEquals(404, kyso.get(path).status(), "nothing was revoked");
    }

    private static long revocationsAudited(String citizenId) {
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM audit_event WHERE event_type = 'CREDENTIAL_REVOKED' AND detail LIKE ?")) {
                s.setString(1, "citizen:" + citizenId + " %");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static X509Certificate certificateOf(Map<String, Object> citizen) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(((String) citizen.get("certificate")).getBytes(StandardCharsets.US_ASCII)));
    }
}
