package io.kyso.signer.hostile;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal sends a body with a field Kyso does not know, by mistake or to see what slips through:
 * a misspelt option ("visibleSignatur", "approvedDocumentIDs") would otherwise be dropped and the
 * call would do something else than the portal meant (sign invisibly, approve every document,
 * reject the whole dossier). Every JSON body of the API, and the metadata part of a multipart
 * upload, is refused with 400 {@code request.unknown_field} naming the field, and nothing is done.
 */
@KysoService
class MisspeltFieldsTest {
    private static final String PHONE = "+84901000720";
    private static KysoTestService kyso;
    private static Object citizenId;
    private static String requestId;
    private static String pdfBase64;

    @BeforeAll
    static void dossier() {
        citizenId = kyso.enroll("Nguyễn Trãi", "079099000720", PHONE, null).get("id");
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        requestId = created.string("id");
        pdfBase64 = Base64.getEncoder().encodeToString(TestPdfs.small());
    }

    private static String document(String options) {
        return "{\"name\":\"a.pdf\",\"contentType\":\"application/pdf\",\"content\":\"" + pdfBase64 + "\""
                + (options == null ? "" : ",\"options\":" + options) + "}";
    }

    private static String dossierWith(String documentJson, String extra) {
        return "{\"citizenId\":\"" + citizenId + "\",\"title\":\"Hồ sơ sai chính tả\",\"documents\":[" + documentJson + "]"
                + extra + "}";
    }

    static Stream<Arguments> bodies() {
        String citizen = "/api/v1/citizens/" + citizenId;
        String request = "/api/v1/signing-requests/" + requestId;
        return Stream.of(
                Arguments.of("enrollment", "POST", "/api/v1/citizens", "{\"nationalId\":\"079099000729\","
                        + "\"fullName\":\"Chu Văn An\",\"phone\":\"+84901000729\",\"keyAlgoritm\":\"RSA_3072\"}", "keyAlgoritm"),
                Arguments.of("code channel", "PUT", citizen + "/otp-channel", "{\"otpChanel\":\"EMAIL\"}", "otpChanel"),
                Arguments.of("revocation", "POST", citizen + "/revocation",
                        "{\"reason\":\"KEY_COMPROMISE\",\"comment\":\"lost phone\"}", "comment"),
                Arguments.of("authenticator enrollment", "POST", citizen + "/totp-enrollment", "{\"issuer\":\"Portal\"}",
                        "issuer"),
                Arguments.of("request", "POST", "/api/v1/signing-requests",
                        dossierWith(document(null), ",\"callbackURL\":\"https://portal.example/hook\""), "callbackURL"),
                Arguments.of("document", "POST", "/api/v1/signing-requests",
                        dossierWith(document(null).replace("\"content\"", "\"option\":{},\"content\""), ""), "option"),
                Arguments.of("options", "POST", "/api/v1/signing-requests",
                        dossierWith(document("{\"reason\":\"Ký\",\"visibleSignatur\":{\"page\":1}}"), ""), "visibleSignatur"),
                Arguments.of("visible signature", "POST", "/api/v1/signing-requests",
                        dossierWith(document("{\"visibleSignature\":{\"positon\":\"TOP_LEFT\"}}"), ""), "positon"),
                Arguments.of("rectangle", "POST", "/api/v1/signing-requests", dossierWith(document(
                        "{\"visibleSignature\":{\"rect\":{\"x\":10,\"y\":10,\"width\":100,\"heigth\":40}}}"), ""), "heigth"),
                Arguments.of("confirmation", "POST", request + "/confirmation",
                        "{\"otp\":\"000000\",\"approvedDocumentIDs\":[]}", "approvedDocumentIDs"),
                Arguments.of("resend", "POST", request + "/otp", "{\"channel\":\"EMAIL\"}", "channel"),
                Arguments.of("rejection", "POST", request + "/rejection", "{\"documentIds\":[]}", "documentIds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void shouldRefuseABodyWithAnUnknownFieldNamingIt(String call, String method, String path, String json, String field) {
        ApiResponse refused = kyso.sendJson(method, path, json, Map.of());
        assertUnknownField(refused, field);
    }

    @Test
    void shouldRefuseAnUnknownFieldInTheMetadataPartOfAnUpload() {
        String metadata = "{\"citizenId\":\"" + citizenId + "\",\"title\":\"Hồ sơ\",\"documents\":[{\"name\":\"a.pdf\","
                + "\"contentType\":\"application/pdf\",\"options\":{\"visibleSignatur\":{\"page\":1}}}]}";
        assertUnknownField(kyso.postRequestParts(metadata, List.of(TestPdfs.small())), "visibleSignatur");
    }

    @Test
    void shouldDoNothingForABodyThatWasRefused() {
        kyso.sendJson("POST", "/api/v1/citizens/" + citizenId + "/revocation",
                "{\"reason\":\"KEY_COMPROMISE\",\"comment\":\"x\"}", Map.of());
        kyso.sendJson("POST", "/api/v1/signing-requests/" + requestId + "/rejection", "{\"documentIds\":[]}", Map.of());
        kyso.sendJson("POST", "/api/v1/signing-requests/" + requestId + "/confirmation",
                "{\"otp\":\"000000\",\"approvedDocumentIDs\":[]}", Map.of());
        kyso.sendJson("POST", "/api/v1/citizens", "{\"nationalId\":\"079099000728\",\"fullName\":\"Tô Hiến Thành\","
                + "\"phone\":\"+84901000728\",\"emial\":\"a@b.vn\"}", Map.of());

        assertEquals(404, kyso.get("/api/v1/citizens/" + citizenId + "/revocation").status(), "not revoked");
        ApiResponse request = kyso.get("/api/v1/signing-requests/" + requestId);
        assertEquals("AWAITING_CONFIRMATION", request.string("status"), "not rejected");
        assertEquals(5, ((Number) request.map().get("attemptsLeft")).intValue(), "no code was checked");
        assertEquals(0, DatabaseProbe.number(kyso, "SELECT COUNT(*) FROM citizen WHERE national_id = ?", "079099000728"));
    }

    @Test
    void shouldStillAcceptTheBodiesWithoutOptionsThatTheSdkSends() {
        ApiResponse empty = kyso.sendJson("POST", "/api/v1/signing-requests/" + requestId + "/otp", "{}", Map.of());
        assertTrue(empty.status() == 200 || "otp.resend_too_soon".equals(empty.code()), empty::toString);
        ApiResponse none = kyso.post("/api/v1/citizens/" + citizenId + "/totp-enrollment", null);
        assertEquals(202, none.status(), none::toString);
    }

    private static void assertUnknownField(ApiResponse refused, String field) {
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("request.unknown_field", refused.code(), refused::toString);
        assertEquals(field, refused.map().get("field"));
        assertTrue(refused.map().get("detail").toString().contains("\"" + field + "\""), refused::toString);
    }
}
