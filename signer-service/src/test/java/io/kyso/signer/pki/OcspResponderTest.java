package io.kyso.signer.pki;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.ExternalTools;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPki;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OCSP responder of the development CA on a running service, asked by {@code openssl ocsp} and
 * by hand-made requests: good, revoked with time and reason right after the portal revokes, unknown
 * for a serial never issued, nonce echoed, answers signed by a delegated responder (or by the root
 * about the issuing CA), by POST and by GET.
 */
class OcspResponderTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KysoTestService kyso;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        ExternalTools.ensureTool("openssl", "openssl");
        kyso = KysoTestService.start();
        work = Files.createTempDirectory(Path.of("target"), "ocsp-");
        List<X509Certificate> chain = kyso.caChain();
        Files.writeString(work.resolve("issuing.pem"), Pem.certificate(chain.get(0)));
        Files.writeString(work.resolve("root.pem"), Pem.certificate(chain.get(1)));
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    @Test
    void shouldAnswerGoodThenRevokedWithTimeAndReasonToOpenssl() throws Exception {
        Map<String, Object> citizen = kyso.enroll("Phạm Văn Đồng", "079099002101", "+84901002101", null);
        Path certificate = work.resolve("citizen.pem");
        Files.writeString(certificate, (String) citizen.get("certificate"));

        String good = opensslOcsp("-cert", certificate.toString());
        assertTrue(good.contains(certificate + ": good"), good);
        assertTrue(good.contains("Response verify OK"), good);
        assertTrue(good.contains("OCSP Nonce"), "the nonce is echoed: " + good);
        assertTrue(good.contains("Responder Id: C = VN, O = Kyso (development only), CN = Kyso Development OCSP Responder"), good);

        ApiResponse revoked = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/revocation",
                Map.of("reason", "KEY_COMPROMISE"));
        assertEquals(200, revoked.status(), revoked::toString);
        String answer = opensslOcsp("-cert", certificate.toString());
        assertTrue(answer.contains(certificate + ": revoked"), answer);
        assertTrue(answer.contains("Reason: keyCompromise"), answer);
        assertTrue(answer.contains("Revocation Time:"), answer);
        assertTrue(answer.contains("Response verify OK"), answer);
    }

    @Test
    void shouldAnswerUnknownForASerialItNeverIssued() {
        String answer = opensslOcsp("-serial", "0x4b59534f");
        assertTrue(answer.contains("0x4b59534f: unknown"), answer);
        assertTrue(answer.contains("Response verify OK"), answer);
    }

    @Test
    void shouldAnswerAboutTheIssuingCaSignedByTheRoot() {
        ExternalTools.Result result = ExternalTools.run("openssl", "ocsp", "-issuer", work.resolve("root.pem").toString(),
                "-cert", work.resolve("issuing.pem").toString(), "-url", kyso.url("/pki/ocsp").toString(),
                "-CAfile", work.resolve("root.pem").toString(), "-resp_text");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("issuing.pem: good"), result.output());
        assertTrue(result.output().contains("Responder Id: C = VN, O = Kyso (development only), CN = Kyso Development Root CA"),
                result.output());
    }

    @Test
    void shouldEchoTheNonceAndAnswerTheSameByGet() throws Exception {
        X509Certificate citizen = certificateOf(kyso.enroll("Võ Thị Sáu", "079099002102", "+84901002102", null));
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        OCSPReq request = new OCSPReqBuilder().addRequest(idOf(citizen)).setRequestExtensions(new Extensions(
                new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(new DEROctetString(nonce).getEncoded())))).build();

        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request.getEncoded()), StandardCharsets.US_ASCII);
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(kyso.url("/pki/ocsp/" + encoded)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode());
        assertEquals("application/ocsp-response", get.headers().firstValue("content-type").orElse(""));
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(get.body()).getResponseObject();
        assertArrayEquals(new DEROctetString(nonce).getEncoded(),
                basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
        assertNull(basic.getResponses()[0].getCertStatus(), "good");
        assertEquals(citizen.getSerialNumber(), basic.getResponses()[0].getCertID().getSerialNumber());

        X509Certificate responder = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(
                basic.getCerts()[0].getEncoded())).stream().map(X509Certificate.class::cast).findFirst().orElseThrow();
        assertEquals(List.of("1.3.6.1.5.5.7.3.9"), responder.getExtendedKeyUsage(), "id-kp-OCSPSigning");
        assertTrue(responder.getNonCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.48.1.5"), "id-pkix-ocsp-nocheck");
        responder.verify(kyso.caChain().get(0).getPublicKey());
    }

    @Test
    void shouldShowARevocationInTheNextAnswerAndTheNextCrl() throws Exception {
        Map<String, Object> enrolled = kyso.enroll("Trần Phú", "079099002103", "+84901002103", null);
        X509Certificate citizen = certificateOf(enrolled);
        kyso.crl(); // a CRL issued before the revocation is cached
        kyso.post("/api/v1/citizens/" + enrolled.get("id") + "/revocation", Map.of("reason", "AFFILIATION_CHANGED"));

        OCSPResp answer = post(new OCSPReqBuilder().addRequest(idOf(citizen)).build().getEncoded());
        RevokedStatus status = assertInstanceOf(RevokedStatus.class,
                ((BasicOCSPResp) answer.getResponseObject()).getResponses()[0].getCertStatus());
        assertEquals(RevocationReason.AFFILIATION_CHANGED.code(), status.getRevocationReason());
        java.security.cert.X509CRL crl = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(kyso.crl()));
        assertEquals(status.getRevocationTime(), crl.getRevokedCertificate(citizen).getRevocationDate());
    }

    @Test
    void shouldAnswerGarbageWithMalformedRequest() throws Exception {
        assertEquals(OCSPResp.MALFORMED_REQUEST, post("garbage".getBytes(StandardCharsets.UTF_8)).getStatus());
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(kyso.url("/pki/ocsp/%25%25not-base64")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(OCSPResp.MALFORMED_REQUEST, new OCSPResp(get.body()).getStatus());
    }

    @Test
    void shouldAnswerUnauthorizedAboutAnotherCasCertificate() throws Exception {
        TestPki.Ca other = TestPki.Ca.create("Another CA");
        X509Certificate stranger = other.softwareSigner("Người lạ").certificate();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(other.certificate()), stranger.getSerialNumber());
        assertEquals(OCSPResp.UNAUTHORIZED, post(new OCSPReqBuilder().addRequest(id).build().getEncoded()).getStatus());
    }

    private static OCSPResp post(byte[] request) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(kyso.url("/pki/ocsp"))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        return new OCSPResp(answer.body());
    }

    private static CertificateID idOf(X509Certificate certificate) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(kyso.caChain().get(0)), certificate.getSerialNumber());
    }

    private static X509Certificate certificateOf(Map<String, Object> citizen) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(((String) citizen.get("certificate")).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String opensslOcsp(String... target) {
        String[] command = new String[target.length + 11];
        System.arraycopy(new String[] {"openssl", "ocsp", "-issuer", work.resolve("issuing.pem").toString()}, 0, command, 0, 4);
        System.arraycopy(target, 0, command, 4, target.length);
        System.arraycopy(new String[] {"-url", kyso.url("/pki/ocsp").toString(), "-CAfile", work.resolve("root.pem").toString(),
                "-verify_other", work.resolve("issuing.pem").toString(), "-resp_text"}, 0, command, 4 + target.length, 7);
        ExternalTools.Result result = ExternalTools.run(command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + "\n" + result.output());
        return result.output();
    }

}
