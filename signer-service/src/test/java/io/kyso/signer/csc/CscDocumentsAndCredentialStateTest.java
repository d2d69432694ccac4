package io.kyso.signer.csc;

import io.kyso.signer.testing.CscClient;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * signDoc signs whole documents through Kyso's own PAdES and XAdES engines, under an authorization
 * of the documents' hashes, and EU DSS validates them; the citizen's page shows each label and hash
 * and lets the citizen refuse; a revoked credential is shown disabled and signs nothing.
 */
@KysoService(reachable = true, properties = "kyso.csc.clients.dev-portal.redirect-uris=" + CscClient.REDIRECT_URI)
class CscDocumentsAndCredentialStateTest {
    static KysoTestService kyso;
    static CscClient portal;

    @BeforeAll
    static void setUp() {
        portal = CscClient.devPortal(kyso);
    }

    @Test
    void shouldSignAPdfAndAnXmlWithSignDocAndPassEuDss() throws Exception {
        String credential = (String) kyso.enroll("Hoàng Văn Thụ", "001099000401", "+84912000401", null).get("id");
        byte[] pdf = TestPdfs.withPages(1, "Giấy đề nghị");
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ToKhai><HoTen>Hoàng Văn Thụ</HoTen></ToKhai>"
                .getBytes(StandardCharsets.UTF_8);
        String token = portal.authorize(credential, "+84912000401", List.of(sha256(pdf), sha256(xml)),
                List.of("giay-de-nghi.pdf", "to-khai.xml")).credentialToken();
        CscClient.Answer signed = portal.call("signatures/signDoc", token, Map.of("credentialID", credential,
                "documents", List.of(
                        Map.of("document", Base64.getEncoder().encodeToString(pdf), "signature_format", "P",
                                "conformance_level", "Ades-B-B", "signAlgo", CscClient.ECDSA_SHA256),
                        Map.of("document", Base64.getEncoder().encodeToString(xml), "signature_format", "X",
                                "signed_envelope_property", "Enveloped", "signAlgo", CscClient.ECDSA_SHA256))));
        assertEquals(200, signed.status(), signed.toString());
        List<String> documents = signed.strings("DocumentWithSignature");
        IndependentValidators.assertPadesBaselineBValid(Base64.getDecoder().decode(documents.get(0)),
                kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        Path signedXml = Files.write(Files.createTempFile(Path.of("target"), "csc-", ".xml"),
                Base64.getDecoder().decode(documents.get(1)));
        IndependentValidators.assertDssPasses(IndependentValidators.validateXmlWithDss(signedXml, List.of(),
                kyso.rootCertificate(), kyso.crl(), kyso.rootCrl()), "XAdES-BASELINE-B");

        CscClient.Answer again = portal.call("signatures/signDoc", token, Map.of("credentialID", credential,
                "documents", List.of(Map.of("document", Base64.getEncoder().encodeToString(pdf), "signature_format", "P",
                        "signAlgo", CscClient.ECDSA_SHA256))));
        assertEquals(400, again.status(), "a document is signed once per authorization");
        CscClient.Answer other = portal.call("signatures/signHash", token, Map.of("credentialID", credential,
                "hashes", List.of(Base64.getEncoder().encodeToString(sha256("another".getBytes()))),
                "signAlgo", CscClient.ECDSA_SHA256, "hashAlgorithmOID", CscClient.SHA256));
        assertEquals(400, other.status());
    }

    @Test
    void shouldShowTheCitizenEachLabelAndHashAndSendARefusalBack() throws Exception {
        String credential = (String) kyso.enroll("Lê Văn Tám", "001099000402", "+84912000402", null).get("id");
        byte[] hash = sha256("refused".getBytes());
        Map<String, String> request = portal.credentialRequest(credential, List.of(hash), List.of("hop-dong.pdf"),
                CscClient.newVerifier());
        CscClient.Answer pushed = portal.push(request);
        String page = portal.openAuthorization(Map.of("client_id", "dev-portal", "request_uri",
                pushed.string("request_uri"))).location();
        PageClient citizen = new PageClient(kyso.url(""));
        var shown = citizen.get(page);
        assertTrue(shown.headers().firstValue("Content-Security-Policy").orElseThrow()
                .contains("form-action 'self' https://portal.example;"), "the form may lead back to the portal, nowhere else");
        String html = shown.body();
        assertTrue(html.contains("hop-dong.pdf"), "the label");
        String hex = java.util.HexFormat.of().formatHex(hash);
        assertTrue(html.contains(hex.substring(0, 4) + " " + hex.substring(4, 8)), "the hash's first digits");
        var refused = citizen.post(page + "/rejection", citizen.formWith("/rejection", List.of()));
        assertEquals(303, refused.statusCode());
        Map<String, String> back = CscClient.query(refused.headers().firstValue("Location").orElseThrow());
        assertEquals("access_denied", back.get("error"));
        assertEquals(request.get("state"), back.get("state"));
    }

    @Test
    void shouldAuthorizeWithTheCscParametersInTheAuthorizationUrl() throws Exception {
        String credential = (String) kyso.enroll("Bùi Thị Xuân", "001099000403", "+84912000403", null).get("id");
        List<byte[]> hashes = List.of(sha256("one".getBytes()), sha256("two".getBytes()));
        String verifier = CscClient.newVerifier();
        Map<String, String> request = portal.credentialRequest(credential, hashes, List.of("a", "b"), verifier);
        request.remove("authorization_details");
        request.put("credentialID", credential);
        request.put("numSignatures", "2");
        request.put("hashAlgorithmOID", CscClient.SHA256);
        request.put("hashes", Base64.getUrlEncoder().withoutPadding().encodeToString(hashes.get(0)) + ","
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hashes.get(1)));
        CscClient.Answer opened = portal.openAuthorization(request);
        assertEquals(303, opened.status(), opened.toString());
        CscClient.Answer back = portal.confirmAsCitizen(opened.location(), kyso.latestCode("+84912000403"));
        String code = CscClient.query(back.location()).get("code");
        String token = portal.exchange(code, verifier).string("access_token");
        assertEquals(200, portal.signHash(token, credential, hashes, CscClient.ECDSA_SHA256).status());
    }

    @Test
    void shouldDisableARevokedCredentialAndSignNothingWithIt() throws Exception {
        String credential = (String) kyso.enroll("Đinh Bộ Lĩnh", "001099000404", "+84912000404", null).get("id");
        List<byte[]> hashes = List.of(sha256("revoked".getBytes()));
        String token = portal.authorize(credential, "+84912000404", hashes, List.of("a")).credentialToken();
        assertEquals(200, kyso.post("/api/v1/citizens/" + credential + "/revocation",
                Map.of("reason", "KEY_COMPROMISE")).status());
        CscClient.Answer signed = portal.signHash(token, credential, hashes, CscClient.ECDSA_SHA256);
        assertEquals(400, signed.status());
        assertEquals("The credential's certificate is revoked", signed.string("error_description"));
        CscClient.Answer info = portal.call("credentials/info", portal.serviceToken(), Map.of("credentialID", credential));
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) info.json().get("key");
        @SuppressWarnings("unchecked")
        Map<String, Object> cert = (Map<String, Object>) info.json().get("cert");
        assertEquals("disabled", key.get("status"));
        assertEquals("revoked", cert.get("status"));
        CscClient.Answer pushed = portal.push(portal.credentialRequest(credential, List.of(sha256("x".getBytes())),
                List.of("x"), CscClient.newVerifier()));
        assertEquals("access_denied", pushed.string("error"));
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
