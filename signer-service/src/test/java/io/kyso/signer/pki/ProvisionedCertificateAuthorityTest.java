package io.kyso.signer.pki;

import io.kyso.hsm.KeySpec;
import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.Pkcs11HsmToken;
import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production PKI: the operator generated an issuing CA key in the HSM and had the (here: a test)
 * national root certify it; Kyso issues citizens' certificates and the CRL with that key, and its
 * signatures validate under the national root.
 */
class ProvisionedCertificateAuthorityTest {

    @Test
    void shouldIssueCitizensCertificatesWithTheProvisionedIssuingCa() {
        Pkcs11Config token = SoftHsm.freshToken();
        TestPki.Ca nationalRoot = TestPki.Ca.create("Test National Root CA");
        try (Pkcs11HsmToken hsm = Pkcs11HsmToken.open(token)) {
            hsm.generate("province-issuing-ca", KeySpec.EC_P256, nationalRoot.issuingCa("Test Provincial Issuing CA"));
        }
        try (KysoTestService kyso = KysoTestService.start(Map.of(
                "kyso.hsm.library", token.libraryPath().toString(),
                "kyso.hsm.token-label", token.tokenLabel(),
                "kyso.hsm.pin", new String(token.pin()),
                "kyso.pki.dev-ca", false,
                "kyso.pki.issuing-ca-alias", "province-issuing-ca",
                // no development timestamping authority without the development CA
                "kyso.signing.default-level", "B-B"))) {
            Map<String, Object> citizen = kyso.enroll("Ngô Thì Nhậm", "079099001301", "+84901001301", null);
            assertTrue(kyso.caChain().get(0).getSubjectX500Principal().getName().contains("Test Provincial Issuing CA"));
            assertEquals(404, kyso.get("/pki/root-crl", null).status(), "the national root publishes its own CRL");

            String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
            ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                    Map.of("otp", kyso.latestCode("+84901001301")));
            assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
            @SuppressWarnings("unchecked")
            Object documentId = ((List<Map<String, Object>>) confirmed.map().get("documents")).get(0).get("id");
            byte[] signed = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + documentId + "/signed").body();
            IndependentValidators.assertPadesBaselineBValid(signed, nationalRoot.certificate(), kyso.crl(),
                    nationalRoot.crl(Instant.now()));
        }
    }
}
