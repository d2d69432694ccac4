package io.kyso.signer.csc;

import io.kyso.signer.testing.CscClient;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal signs hashes through the CSC API: its service token lists the credential, the citizen
 * authorizes exactly these hashes on Kyso's page, and signHash returns values that verify with the
 * credential's certificate.
 */
@KysoService(reachable = true, properties = "kyso.csc.clients.dev-portal.redirect-uris=" + CscClient.REDIRECT_URI)
class CscHashSigningTest {
    static KysoTestService kyso;
    static CscClient portal;

    @BeforeAll
    static void setUp() {
        portal = CscClient.devPortal(kyso);
    }

    @Test
    void shouldAdvertiseOAuthEndpointsInInfoAndMetadata() {
        CscClient.Answer info = portal.call("info", null, Map.of());
        assertEquals(200, info.status(), info.toString());
        assertEquals("2.0.0.2", info.string("specs"));
        assertTrue(info.strings("methods").containsAll(List.of("oauth2/authorize", "oauth2/token",
                "oauth2/pushed_authorize", "signatures/signHash", "credentials/list")));
        assertEquals(List.of("oauth2client", "oauth2code"), info.strings("authType"));
        String issuer = info.string("oauth2Issuer");
        assertEquals(kyso.url("").toString(), issuer);
        CscClient.Answer metadata = portal.get("/.well-known/oauth-authorization-server");
        assertEquals(200, metadata.status(), metadata.toString());
        assertEquals(issuer, metadata.string("issuer"));
        assertEquals(issuer + "/oauth2/pushed_authorize", metadata.string("pushed_authorization_request_endpoint"));
        assertEquals(List.of("S256"), metadata.json().get("code_challenge_methods_supported"));
    }

    @Test
    void shouldSignEveryAuthorizedHashWithOneAuthorizationAndVerifyWithTheCertificate() throws Exception {
        Map<String, Object> citizen = kyso.enroll("Phạm Văn Đồng", "001099000101", "+84912000101", null);
        String credential = (String) citizen.get("id");
        List<byte[]> hashes = hashes("ec", 20);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            labels.add("Tờ khai " + (i + 1) + ".pdf");
        }
        CscClient.Authorized authorized = portal.authorize(credential, "+84912000101", hashes, labels);
        assertEquals(credential, authorized.tokenAnswer().string("credentialID"));

        CscClient.Answer signed = portal.signHash(authorized.credentialToken(), credential, hashes, CscClient.ECDSA_SHA256);
        assertEquals(200, signed.status(), signed.toString());
        X509Certificate certificate = certificateOf(credential);
        List<String> values = signed.strings("signatures");
        assertEquals(hashes.size(), values.size());
        for (int i = 0; i < hashes.size(); i++) {
            assertTrue(verifiesDigest("NONEwithECDSA", certificate, hashes.get(i), Base64.getDecoder().decode(values.get(i))),
                    "signature " + i + " verifies");
        }
    }

    @Test
    void shouldSignWithRsaKeysInPkcs1AndPss() throws Exception {
        Map<String, Object> citizen = kyso.enroll("Võ Thị Sáu", "001099000102", "+84912000102", "RSA_2048");
        String credential = (String) citizen.get("id");
        List<byte[]> hashes = hashes("rsa", 2);
        CscClient.Authorized authorized = portal.authorize(credential, "+84912000102", hashes, List.of("a.pdf", "b.xml"));
        X509Certificate certificate = certificateOf(credential);

        CscClient.Answer pkcs1 = portal.signHash(authorized.credentialToken(), credential, hashes.subList(0, 1),
                CscClient.RSA_SHA256);
        assertEquals(200, pkcs1.status(), pkcs1.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(certificate);
        rsa.update(("rsa document 0").getBytes());
        assertTrue(rsa.verify(Base64.getDecoder().decode(pkcs1.strings("signatures").get(0))));

        CscClient.Answer pss = portal.call("signatures/signHash", authorized.credentialToken(), Map.of(
                "credentialID", credential, "hashes", List.of(Base64.getEncoder().encodeToString(hashes.get(1))),
                "signAlgo", SignAlgorithms.RSASSA_PSS,
                "signAlgoParams", SignAlgorithms.pssParametersFor(io.kyso.hsm.DigestAlgorithm.SHA256)));
        assertEquals(200, pss.status(), pss.toString());
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        verifier.initVerify(certificate);
        verifier.update(("rsa document 1").getBytes());
        assertTrue(verifier.verify(Base64.getDecoder().decode(pss.strings("signatures").get(0))));
    }

    @Test
    void shouldListAndDescribeThePortalsCredentialsWithAServiceToken() {
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Minh Khai", "001099000103", "+84912000103", null);
        String credential = (String) citizen.get("id");
        String service = portal.serviceToken();
        CscClient.Answer list = portal.call("credentials/list", service, Map.of("userID", "001099000103",
                "credentialInfo", true, "certInfo", true, "authInfo", true));
        assertEquals(200, list.status(), list.toString());
        assertEquals(List.of(credential), list.strings("credentialIDs"));
        CscClient.Answer info = portal.call("credentials/info", service, Map.of("credentialID", credential,
                "certificates", "chain", "certInfo", true, "authInfo", true));
        assertEquals(200, info.status(), info.toString());
        assertEquals("2", info.string("SCAL"));
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) info.json().get("key");
        assertEquals("enabled", key.get("status"));
        assertEquals(256, ((Number) key.get("len")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) info.json().get("auth");
        assertEquals("oauth2code", auth.get("mode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cert = (Map<String, Object>) info.json().get("cert");
        assertEquals(3, ((List<?>) cert.get("certificates")).size(), "the citizen's, the issuing CA's, the root's");
        assertNotNull(cert.get("subjectDN"));
    }

    static List<byte[]> hashes(String prefix, int n) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(MessageDigest.getInstance("SHA-256").digest((prefix + " document " + i).getBytes()));
        }
        return hashes;
    }

    static X509Certificate certificateOf(String credential) throws Exception {
        String pem = (String) kyso.get("/api/v1/citizens/" + credential).map().get("certificate");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes()));
    }

    /** Verifies an ECDSA value over a precomputed digest. */
    static boolean verifiesDigest(String algorithm, X509Certificate certificate, byte[] digest, byte[] value) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(certificate.getPublicKey());
        signature.update(digest);
        return signature.verify(value);
    }
}
