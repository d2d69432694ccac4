package io.kyso.signer.signing;

import io.kyso.signer.testing.AdjustableClock;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.IndependentValidators.DssVerdict;
import io.kyso.signer.testing.IndependentValidators.SignatureVerdict;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why B-LT is the default: a citizen signs two PDFs, one at B-LT and one at B-B, and an hour later
 * (on the service's clock) their credential is revoked (the key was lost). Judged then with the CA's
 * current CRL, which lists the revocation, the B-LT signature stays valid: its timestamp proves it
 * was made before, with the OCSP answer of then inside. The B-B signature cannot prove when it was
 * made, so it is not.
 */
class RevokedAfterSigningTest {
    private static KysoTestService kyso;
    private static byte[] longTerm;
    private static byte[] basic;

    @BeforeAll
    static void signThenRevoke() {
        kyso = KysoTestService.start(Map.of("kyso.test.adjustable-clock", "true"));
        Map<String, Object> citizen = kyso.enroll("Phạm Văn Đức", "079099000901", "+84901000901", null);
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(
                withLevel(pdf("lt.pdf", TestPdfs.small()), "B-LT"), withLevel(pdf("b.pdf", TestPdfs.small()), "B-B")));
        String id = created.string("id");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode("+84901000901")));
        assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        List<?> documents = (List<?>) confirmed.map().get("documents");
        longTerm = download(id, documents.get(0));
        basic = download(id, documents.get(1));
        // a revocation within the timestamp's second could not be told apart from one before it
        AdjustableClock.of(kyso).advance(Duration.ofHours(1));
        ApiResponse revoked = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/revocation",
                Map.of("reason", "KEY_COMPROMISE"));
        assertEquals(200, revoked.status(), revoked::toString);
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    @Test
    void shouldKeepTheB_LTSignatureValidAfterTheRevocation() {
        IndependentValidators.assertDssPasses(IndependentValidators.validatePdfWithDssAt(longTerm, now(),
                kyso.rootCertificate(), kyso.crl(), kyso.rootCrl()), "PAdES-BASELINE-LT");
    }

    @Test
    void shouldNotConfirmTheB_BSignatureAfterTheRevocation() {
        DssVerdict verdict = IndependentValidators.validatePdfWithDssAt(basic, now(), kyso.rootCertificate(), kyso.crl(),
                kyso.rootCrl());
        assertEquals(1, verdict.signatures().size(), verdict::summary);
        SignatureVerdict signature = verdict.signatures().get(0);
        assertNotEquals("TOTAL_PASSED", signature.indication(), verdict::summary);
        assertTrue(String.valueOf(signature.subIndication()).startsWith("REVOKED"), verdict::summary);
    }

    /** The service's time, an hour after the signing. */
    private static Instant now() {
        return kyso.context().getBean(Clock.class).instant();
    }

    private static byte[] download(String requestId, Object document) {
        return kyso.get("/api/v1/signing-requests/" + requestId + "/documents/" + ((Map<?, ?>) document).get("id")
                + "/signed").body();
    }

    private static Map<String, Object> withLevel(Map<String, Object> document, String level) {
        Map<String, Object> with = new HashMap<>(document);
        with.put("options", Map.of("level", level));
        return with;
    }
}
