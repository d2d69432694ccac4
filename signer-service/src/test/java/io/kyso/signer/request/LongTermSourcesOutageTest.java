package io.kyso.signer.request;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.Relay;
import io.kyso.signer.testing.Relay.Mode;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B-LT signing while the timestamping authority or the CA's OCSP responder and CRLs are down, too
 * slow, or answer garbage (a relay in front of the service's own, which the test controls): the
 * confirmation gets the problem's code (503 or 502), nothing is signed at a lower level, the request
 * stays confirmable with {@code lastError} saying why, and the same code signs it once the source is
 * back. An OCSP responder that fails while its CRL answers is no outage: the CRL goes in instead.
 */
class LongTermSourcesOutageTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static Relay relay;
    private static KysoTestService kyso;

    @BeforeAll
    static void start() {
        int port = KysoTestService.freePort();
        relay = Relay.to(URI.create("http://localhost:" + port));
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", port);
        settings.put("kyso.public-url", "http://localhost:" + port);
        settings.put("kyso.timestamping.url", relay.url("/pki/tsa"));
        settings.put("kyso.pki.ocsp-url", relay.url("/pki/ocsp"));
        settings.put("kyso.pki.crl-url", relay.url("/pki/crl"));
        settings.put("kyso.pki.root-crl-url", relay.url("/pki/root-crl"));
        settings.put("kyso.timestamping.read-timeout", "1s");
        settings.put("kyso.revocation-fetch.read-timeout", "1s");
        kyso = KysoTestService.start(settings);
    }

    @AfterAll
    static void stop() {
        kyso.close();
        relay.close();
    }

    @AfterEach
    void restore() {
        relay.accept();
        relay.passAll();
    }

    @Test
    void shouldKeepTheRequestConfirmableWhileTheTimestampingAuthorityIsGone() {
        Dossier dossier = dossier(pdf("a.pdf", TestPdfs.small()));
        relay.refuse();
        dossier.refusedWith(503, "timestamp.unavailable");
        relay.accept();
        dossier.signedAtBLtWithAFreshCode();
    }

    @Test
    void shouldGiveUpOnATimestampingAuthorityTooSlowToAnswer() {
        Dossier dossier = dossier(pdf("a.pdf", TestPdfs.small()));
        relay.set("/pki/tsa", Mode.SLOW);
        dossier.refusedWith(503, "timestamp.unavailable");
        relay.passAll();
        dossier.signedAtBLtWithAFreshCode();
    }

    @Test
    void shouldRefuseGarbageFromTheTimestampingAuthorityForXmlToo() {
        Dossier dossier = dossier(xml("to-khai.xml"));
        relay.set("/pki/tsa", Mode.GARBAGE);
        dossier.refusedWith(502, "timestamp.invalid");
        relay.passAll();
        dossier.signedAtBLtWithAFreshCode();
    }

    @Test
    void shouldKeepTheRequestConfirmableWhileTheOcspResponderAndTheCrlAreDown() {
        Dossier dossier = dossier(pdf("a.pdf", TestPdfs.small()), xml("to-khai.xml"));
        relay.set("/pki/ocsp", Mode.UNAVAILABLE);
        relay.set("/pki/crl", Mode.UNAVAILABLE);
        dossier.refusedWith(503, "revocation_data.unavailable");
        relay.passAll();
        dossier.signedAtBLtWithAFreshCode();
    }

    @Test
    void shouldRefuseGarbageFromBothTheOcspResponderAndTheCrl() {
        Dossier dossier = dossier(pdf("a.pdf", TestPdfs.small()));
        relay.set("/pki/ocsp", Mode.GARBAGE);
        relay.set("/pki/crl", Mode.GARBAGE);
        dossier.refusedWith(502, "revocation_data.invalid");
        relay.passAll();
        dossier.signedAtBLtWithAFreshCode();
    }

    @Test
    void shouldEmbedTheCrlWhenOnlyTheOcspResponderFails() {
        Dossier dossier = dossier(pdf("a.pdf", TestPdfs.small()));
        relay.set("/pki/ocsp", Mode.GARBAGE);
        byte[] signed = dossier.signedAtBLt().get(0);
        assertTrue(new String(signed, StandardCharsets.ISO_8859_1).contains("/CRLs"), "a CRL in the document security store");
    }

    /** A citizen's request awaiting confirmation, and what becomes of it. */
    private record Dossier(String id, String phone, String code) {

        void refusedWith(int status, String code) {
            ApiResponse refused = confirm(this.code);
            assertEquals(status, refused.status(), refused::toString);
            assertEquals(code, refused.code(), refused::toString);
            ApiResponse now = kyso.get("/api/v1/signing-requests/" + id);
            assertEquals("AWAITING_CONFIRMATION", now.string("status"), now::toString);
            assertEquals(code, now.string("lastError"), now::toString);
            for (Object document : (List<?>) now.map().get("documents")) {
                assertEquals("PENDING", ((Map<?, ?>) document).get("status"));
                assertNull(((Map<?, ?>) document).get("signedSha256"));
            }
            assertTrue(AuditQueries.count(kyso, "SIGNING_FAILED", id) > 0);
            assertEquals(0, AuditQueries.count(kyso, "DOCUMENT_SIGNED", id));
        }

        /**
         * After a failed signing: the code it spent answers 410, and the fresh one sent to the citizen
         * signs; every document is then valid at B-LT.
         */
        List<byte[]> signedAtBLtWithAFreshCode() {
            assertEquals("otp.used", confirm(code).code(), "the code of the signing that failed is spent");
            return signedAtBLt(kyso.latestCode(phone));
        }

        /** Confirms with the request's code; every document is then valid at B-LT. */
        List<byte[]> signedAtBLt() {
            return signedAtBLt(code);
        }

        private List<byte[]> signedAtBLt(String otp) {
            ApiResponse confirmed = confirm(otp);
            assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
            assertNull(confirmed.map().get("lastError"), confirmed::toString);
            List<byte[]> files = new java.util.ArrayList<>();
            for (Object d : (List<?>) confirmed.map().get("documents")) {
                Map<?, ?> document = (Map<?, ?>) d;
                byte[] signed = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + document.get("id") + "/signed")
                        .body();
                if ("application/pdf".equals(document.get("contentType"))) {
                    IndependentValidators.assertPadesValid(signed, "PAdES-BASELINE-LT", kyso.rootCertificate(), kyso.crl(),
                            kyso.rootCrl());
                }
                files.add(signed);
            }
            return files;
        }

        private ApiResponse confirm(String otp) {
            return kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", otp));
        }
    }

    @SafeVarargs
    private static Dossier dossier(Map<String, Object>... documents) {
        int n = CITIZENS.incrementAndGet();
        String phone = "+8490100" + (1100 + n);
        Map<String, Object> citizen = kyso.enroll("Vũ Thị Hoa", "0790990" + (11000 + n), phone, null);
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(documents));
        assertEquals(201, created.status(), created::toString);
        return new Dossier(created.string("id"), phone, kyso.latestCode(phone));
    }

    private static Map<String, Object> xml(String name) {
        return Map.of("name", name, "contentType", "application/xml", "content", Base64.getEncoder().encodeToString(
                "<ToKhai><hoTen>Vũ Thị Hoa</hoTen></ToKhai>".getBytes(StandardCharsets.UTF_8)));
    }
}
