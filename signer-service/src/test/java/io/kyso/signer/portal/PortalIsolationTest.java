package io.kyso.signer.portal;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.OTHER_API_KEY;
import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One portal never sees or acts on another portal's citizens or requests: 404, as if they did not exist. */
@KysoService
class PortalIsolationTest {
    private static KysoTestService kyso;
    private static String citizenId;
    private static String requestId;
    private static String documentId;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void enrollAndCreate() {
        citizenId = kyso.enroll("Hoàng Văn Thụ", "079099000301", "+84901000301", null).get("id").toString();
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        requestId = created.string("id");
        documentId = ((List<Map<String, Object>>) created.map().get("documents")).get(0).get("id").toString();
    }


    private static void assertHidden(ApiResponse answer) {
        assertEquals(404, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
    }

    @Test
    void shouldHideAnotherPortalsCitizen() {
        assertHidden(kyso.get("/api/v1/citizens/" + citizenId, OTHER_API_KEY));
        assertHidden(kyso.post("/api/v1/signing-requests", Map.of("citizenId", citizenId, "title", "x",
                "documents", List.of(pdf("a.pdf", TestPdfs.small()))), OTHER_API_KEY));
    }

    @Test
    void shouldHideAnotherPortalsRequest() {
        String code = kyso.latestCode("+84901000301");
        assertHidden(kyso.get("/api/v1/signing-requests/" + requestId, OTHER_API_KEY));
        assertHidden(kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation", Map.of("otp", code), OTHER_API_KEY));
        assertHidden(kyso.post("/api/v1/signing-requests/" + requestId + "/rejection", null, OTHER_API_KEY));
        assertHidden(kyso.post("/api/v1/signing-requests/" + requestId + "/otp", null, OTHER_API_KEY));
        assertHidden(kyso.get("/api/v1/signing-requests/" + requestId + "/documents/" + documentId + "/original",
                OTHER_API_KEY));
        assertEquals("AWAITING_CONFIRMATION", kyso.get("/api/v1/signing-requests/" + requestId).string("status"));
    }

    @Test
    void shouldLetTheOtherPortalEnrollTheSameNationalIdForItself() {
        ApiResponse answer = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000301",
                "fullName", "Hoàng Văn Thụ", "phone", "+84901000301"), OTHER_API_KEY);
        assertEquals(201, answer.status(), answer::toString);
    }

    @Test
    void shouldRefuseTheSameNationalIdTwiceForOnePortal() {
        ApiResponse answer = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000301",
                "fullName", "Hoàng Văn Thụ", "phone", "+84901000301"));
        assertEquals(409, answer.status(), answer::toString);
        assertEquals("citizen.already_enrolled", answer.code());
    }

    @Test
    void shouldRefuseRequestsWithoutAValidApiKey() {
        ApiResponse none = kyso.get("/api/v1/signing-requests/" + requestId, null);
        assertEquals(401, none.status());
        assertEquals("auth.required", none.code());
        ApiResponse wrong = kyso.get("/api/v1/signing-requests/" + requestId, "not-a-key");
        assertEquals(401, wrong.status());
        assertEquals("auth.invalid_api_key", wrong.code());
    }

    @Test
    void shouldValidateEnrollmentFields() {
        ApiResponse answer = kyso.post("/api/v1/citizens", Map.of("nationalId", "12345",
                "fullName", "A", "phone", "+84901000399"));
        assertEquals(400, answer.status(), answer::toString);
        assertEquals("request.malformed", answer.code());
    }
}
