package io.kyso.signer.hostile;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.Authenticator;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.totp.Totp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dishonest portal holding only its API key tries to make its citizen's key sign without the
 * citizen: with a credential the citizen never activated, with an authenticator code relayed through
 * the API (even the right one, as if it had stolen the app), with one request's code on another,
 * after the citizen suspended the credential, with another portal's citizen. Each attempt ends in a
 * problem with a stable code, and nothing is signed.
 */
@KysoService
class PortalNeverSignsAloneTest {
    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Pattern INVITATION = Pattern.compile("Mã mời: (\\d{6})\\..* Mở (\\S+) và");
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private static Map<String, Object> activeCitizen() {
        int n = CITIZENS.incrementAndGet();
        return kyso.enroll("Nguyễn Văn Trỗi", String.format("0790999%05d", n), "+8490600" + String.format("%04d", n), null);
    }

    private static ApiResponse newRequest(Object citizenId) {
        return kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
    }

    private static ApiResponse confirm(String requestId, String code) {
        return kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation", Map.of("otp", code));
    }

    private static String status(String requestId) {
        return kyso.get("/api/v1/signing-requests/" + requestId).string("status");
    }

    @Test
    void shouldNotSignForACredentialTheCitizenNeverActivated() {
        int n = CITIZENS.incrementAndGet();
        Map<String, Object> pending = kyso.enrollPending("Hoàng Diệu", String.format("0790999%05d", n),
                "+8490600" + String.format("%04d", n), null);
        ApiResponse refused = newRequest(pending.get("id"));
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("credential.not_activated", refused.code());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        ApiResponse invitation = kyso.post("/api/v1/citizens/" + pending.get("id") + "/totp-enrollment", null);
        assertEquals("credential.not_activated", invitation.code(), "no authenticator before activation either");
    }

    @Test
    void shouldRefuseAnAuthenticatorCodeRelayedThroughTheApiEvenARightOne() {
        Map<String, Object> citizen = activeCitizen();
        Authenticator app = enrollAppAsTheCitizen(citizen);
        ApiResponse created = newRequest(citizen.get("id"));
        long step = Totp.stepAt(Instant.now());
        for (String code : List.of(app.codeForStep(step), app.codeForStep(step + 1), "123456")) {
            ApiResponse refused = confirm(created.string("id"), code);
            assertEquals(403, refused.status(), refused::toString);
            assertEquals("otp.app_code_page_only", refused.code());
        }
        assertEquals("AWAITING_CONFIRMATION", status(created.string("id")));
        HttpResponse<String> onThePage = kyso.confirmOnPage(created, app.codeForStep(step + 1));
        assertEquals(303, onThePage.statusCode(), "the citizen still confirms on the page: " + onThePage.body());
        assertEquals("SIGNED", status(created.string("id")));
    }

    @Test
    void shouldNotAcceptOneRequestsCodeForAnother() {
        Map<String, Object> citizen = activeCitizen();
        String phone = citizen.get("phone").toString();
        ApiResponse wanted = newRequest(citizen.get("id"));
        String codeForWanted = kyso.latestCode(phone, wanted.string("reference"));
        ApiResponse hidden = kyso.createRequest(citizen.get("id"), "Hồ sơ khác", List.of(pdf("khac.pdf",
                TestPdfs.withPages(1, "Khac"))));
        ApiResponse refused = confirm(hidden.string("id"), codeForWanted);
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("otp.invalid", refused.code());
        assertEquals("AWAITING_CONFIRMATION", status(hidden.string("id")));
        assertEquals("SIGNED", confirm(wanted.string("id"), codeForWanted).string("status"));
    }

    @Test
    void shouldSignNothingMoreOnceTheCitizenSuspendedTheCredential() {
        Map<String, Object> citizen = activeCitizen();
        ApiResponse waiting = newRequest(citizen.get("id"));
        String code = kyso.latestCode(citizen.get("phone").toString());
        PageClient citizensPhone = io.kyso.signer.testing.CitizenPage.logIn(kyso, citizen.get("phone").toString());
        String action = "/me/credentials/" + citizen.get("id") + "/suspension";
        assertEquals(303, citizensPhone.post(action, citizensPhone.formWith(action, List.of())).statusCode());

        ApiResponse refused = confirm(waiting.string("id"), code);
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("credential.revoked", refused.code());
        assertEquals("FAILED", status(waiting.string("id")));
        assertEquals("credential.revoked", newRequest(citizen.get("id")).code());
        ApiResponse renew = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/activation", null);
        assertEquals(409, renew.status(), renew::toString);
        assertEquals("credential.revoked", renew.code(), "no new activation brings it back");
    }

    @Test
    void shouldNotReachAnotherPortalsCitizenThroughTheNewEndpoints() {
        Map<String, Object> citizen = activeCitizen();
        for (String path : List.of("/activation", "/totp-enrollment")) {
            ApiResponse refused = kyso.post("/api/v1/citizens/" + citizen.get("id") + path, null,
                    KysoTestService.OTHER_API_KEY);
            assertEquals(404, refused.status(), path + ": " + refused);
            assertEquals("citizen.not_found", refused.code());
        }
    }

    @Test
    void shouldAnswerBadInputWithAProblemAndChangeNothing() {
        Map<String, Object> citizen = activeCitizen();
        ApiResponse unknown = kyso.post("/api/v1/citizens/" + java.util.UUID.randomUUID() + "/activation", null);
        assertEquals(404, unknown.status());
        assertEquals("citizen.not_found", unknown.code());
        ApiResponse notAnId = kyso.post("/api/v1/citizens/not-a-uuid/totp-enrollment", null);
        assertEquals(400, notAnId.status(), notAnId::toString);
        assertTrue(notAnId.contentType().startsWith("application/problem+json"), notAnId.contentType());
        ApiResponse active = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/activation", null);
        assertEquals(409, active.status());
        assertEquals("credential.already_active", active.code());
        ApiResponse unknownLink = kyso.get("/a/" + "A".repeat(43), null);
        assertEquals(404, unknownLink.status());
        ApiResponse badChannel = kyso.put("/api/v1/citizens/" + citizen.get("id") + "/otp-channel",
                Map.of("otpChannel", "PIGEON"));
        assertEquals(400, badChannel.status(), badChannel::toString);
        assertEquals("ACTIVE", kyso.get("/api/v1/citizens/" + citizen.get("id")).string("credentialStatus"));
        assertEquals("SMS", kyso.get("/api/v1/citizens/" + citizen.get("id")).string("otpChannel"));
    }

    /** The citizen enrolls an app through the invitation on their phone (the test then holds the app's secret). */
    private static Authenticator enrollAppAsTheCitizen(Map<String, Object> citizen) {
        assertEquals(202, kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null).status());
        String text = (String) kyso.get("/dev/outbox?phone=" + citizen.get("phone").toString().replace("+", "%2B"), null)
                .list().get(0).get("text");
        Matcher invitation = INVITATION.matcher(text);
        assertTrue(invitation.find(), text);
        String path = URI.create(invitation.group(2)).getRawPath();
        PageClient phone = new PageClient(kyso.url(""));
        phone.get(path);
        phone.post(path + "/invitation", phone.formWith("/invitation", List.of(entry("otp", invitation.group(1)))));
        Matcher secret = SECRET.matcher(phone.get(path).body());
        assertTrue(secret.find());
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        assertEquals(200, phone.post(path, phone.formWith(path, List.of(entry("otp", app.codeAt(Instant.now())))))
                .statusCode());
        return app;
    }
}
