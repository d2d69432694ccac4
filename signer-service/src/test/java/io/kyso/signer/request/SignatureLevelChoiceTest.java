package io.kyso.signer.request;

import io.kyso.client.Citizen;
import io.kyso.client.DocumentOptions;
import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoClient;
import io.kyso.client.NewSigningRequest;
import io.kyso.client.SignatureLevel;
import io.kyso.client.SigningRequest;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which level a document is signed at: its option, else its portal's default, else the
 * deployment's (B-LT unless configured); unknown levels, and options that cannot be honoured, are
 * refused before anything is kept; a default above B-B without a timestamping authority stops the start.
 */
class SignatureLevelChoiceTest {
    private static KysoTestService kyso;

    @BeforeAll
    static void start() {
        kyso = KysoTestService.start(Map.of("kyso.portals.other.default-level", "B-T"));
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    @Test
    void shouldSignAtB_LTWhenNeitherTheDocumentNorThePortalNamesALevel() {
        Map<String, Object> citizen = kyso.enroll("Đỗ Thị Hà", "079099000801", "+84901000801", null);
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals("B-LT", levelsOf(created).get(0), created::toString);
        ApiResponse signed = confirm(created, "+84901000801");
        byte[] pdf = kyso.get("/api/v1/signing-requests/" + created.string("id") + "/documents/"
                + documents(signed).get(0).get("id") + "/signed").body();
        IndependentValidators.assertPadesValid(pdf, "PAdES-BASELINE-LT", kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
    }

    @Test
    void shouldUseThePortalsDefaultUnlessTheDocumentAsksForAnotherLevel() {
        ApiResponse enrolled = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000802", "fullName", "Đỗ Văn Nam",
                "phone", "+84901000802"), KysoTestService.OTHER_API_KEY);
        kyso.activate(enrolled.map());
        ApiResponse created = kyso.post("/api/v1/signing-requests", Map.of("citizenId", enrolled.string("id"),
                "title", "Hồ sơ", "documents", List.of(pdf("a.pdf", TestPdfs.small()),
                        withLevel(pdf("b.pdf", TestPdfs.small()), "B-LTA"))), KysoTestService.OTHER_API_KEY);
        assertEquals(201, created.status(), created::toString);
        assertEquals(List.of("B-T", "B-LTA"), levelsOf(created));
    }

    @Test
    void shouldTakeTheLevelAPortalAsksThroughTheSdk() {
        KysoClient client = kyso.client();
        Citizen citizen = client.citizens().enroll(EnrollCitizen.of("079099000807", "Đỗ Văn Sơn", "+84901000807"));
        kyso.activate(citizen.activationUrl().toString(), "+84901000807", null);
        SigningRequest request = client.signingRequests().create(NewSigningRequest.builder(citizen.id(), "Hồ sơ")
                .document(DocumentUpload.ofBytes("a.pdf", "application/pdf", TestPdfs.small()),
                        DocumentOptions.builder().level(SignatureLevel.B_LTA).build())
                .document(DocumentUpload.ofBytes("b.pdf", "application/pdf", TestPdfs.small()))
                .build());
        assertEquals(List.of(SignatureLevel.B_LTA, SignatureLevel.B_LT),
                request.documents().stream().map(SigningRequest.Document::level).toList());
        assertEquals(SignatureLevel.B_LTA, request.documents().get(0).options().level());
    }

    @Test
    void shouldRefuseAnUnknownLevelNamingTheField() {
        Map<String, Object> citizen = kyso.enroll("Đỗ Văn Bình", "079099000803", "+84901000803", null);
        ApiResponse refused = kyso.createRequest(citizen.get("id"), "Hồ sơ",
                List.of(withLevel(pdf("a.pdf", TestPdfs.small()), "B-XL")));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("request.malformed", refused.code());
        assertTrue(refused.string("detail").contains("level"), refused::toString);
        assertTrue(refused.string("detail").contains("B-XL"), refused::toString);
    }

    @Test
    void shouldRefuseRsaPssForACitizensEcKeyNamingTheDocument() {
        Map<String, Object> citizen = kyso.enroll("Đỗ Văn Cường", "079099000804", "+84901000804", "EC_P256");
        Map<String, Object> document = new HashMap<>(pdf("a.pdf", TestPdfs.small()));
        document.put("options", Map.of("rsaPadding", "PSS"));
        ApiResponse refused = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("0.pdf", TestPdfs.small()), document));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("document.invalid_options", refused.code());
        assertEquals(Map.of("index", 1, "name", "a.pdf"), refused.map().get("document"));
    }

    @Test
    void shouldSignAtTheDeploymentsDefaultLevel() {
        try (KysoTestService basic = KysoTestService.start(Map.of("kyso.signing.default-level", "B-B"))) {
            Map<String, Object> citizen = basic.enroll("Đỗ Thị Lan", "079099000805", "+84901000805", null);
            ApiResponse created = basic.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
            assertEquals(List.of("B-B"), levelsOf(created));
        }
    }

    @Test
    void shouldRefuseToStartSigningAtB_LTWithoutATimestampingAuthority() {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> KysoTestService.start(Map.of("kyso.timestamping.url", "")).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("kyso.timestamping.url"), messages::toString);
        assertTrue(messages.toString().contains("kyso.signing.default-level"), messages::toString);
    }

    /** Even a deployment that signs at B-B only needs one: the audit log's seals are timestamped. */
    @Test
    void shouldRefuseToStartWithoutATimestampingAuthorityEvenAtB_B() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> KysoTestService.start(
                Map.of("kyso.signing.default-level", "B-B", "kyso.timestamping.url", "")).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("TimestampingConfiguration")
                || messages.toString().contains("kyso.timestamping.url"), messages::toString);
    }

    private static ApiResponse confirm(ApiResponse created, String phone) {
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", kyso.latestCode(phone)));
        assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        return confirmed;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(ApiResponse request) {
        return (List<Map<String, Object>>) request.map().get("documents");
    }

    private static List<Object> levelsOf(ApiResponse request) {
        return documents(request).stream().map(d -> d.get("level")).toList();
    }

    private static Map<String, Object> withLevel(Map<String, Object> document, String level) {
        Map<String, Object> with = new HashMap<>(document);
        with.put("options", Map.of("level", level));
        return with;
    }
}
