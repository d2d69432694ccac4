package io.kyso.signer.totp;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.Authenticator;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A citizen enrolls an authenticator app through the invitation Kyso sends them when their portal
 * asks, and confirms with its codes on Kyso's confirmation page.
 */
@KysoService
public class AuthenticatorAppConfirmationTest {
    static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    static final Pattern INVITATION = Pattern.compile("Mã mời: (\\d{6})\\..* Mở (\\S+) và nhập mã này");
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private record Enrolled(String citizenId, String phone, Authenticator app) {
    }

    /** An invitation as the citizen's phone received it: its page's path and its code. */
    public record Invitation(String path, String code) {
    }

    private static Map<String, Object> newCitizen() {
        int n = CITIZENS.incrementAndGet();
        return kyso.enroll("Hoàng Thị Lan", String.format("0790992%05d", n), "+8490400" + String.format("%04d", n), null);
    }

    /** The newest invitation in the outbox for {@code phone}. */
    public static Invitation invitationFor(KysoTestService kyso, String phone) {
        for (Map<String, Object> message : kyso.get("/dev/outbox?phone=" + phone.replace("+", "%2B"), null).list()) {
            Matcher m = INVITATION.matcher((String) message.get("text"));
            if (m.find()) {
                return new Invitation(URI.create(m.group(2)).getRawPath(), m.group(1));
            }
        }
        throw new AssertionError("no invitation for " + phone);
    }

    /**
     * The portal asks for an invitation; the citizen opens the link from their phone's message, types
     * the invitation's code, adds the key to the app and types its first code.
     */
    private static Enrolled enrollApp() {
        Map<String, Object> citizen = newCitizen();
        ApiResponse asked = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null);
        assertEquals(202, asked.status(), asked::toString);
        assertEquals("SMS", asked.string("sentVia"));
        Invitation invitation = invitationFor(kyso, citizen.get("phone").toString());
        PageClient browser = new PageClient(kyso.url(""));
        assertFalse(SECRET.matcher(browser.get(invitation.path()).body()).find(), "no secret before the invitation's code");
        HttpResponse<String> proven = browser.post(invitation.path() + "/invitation", browser.formWith("/invitation",
                List.of(entry("otp", invitation.code()))));
        assertEquals(303, proven.statusCode(), proven.body());
        String page = browser.get(invitation.path()).body();
        Matcher secret = SECRET.matcher(page);
        assertTrue(secret.find(), page);
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        HttpResponse<String> done = browser.post(invitation.path(), browser.formWith(invitation.path(),
                List.of(entry("otp", app.codeAt(Instant.now())))));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Đã kích hoạt ứng dụng xác thực"));
        return new Enrolled(citizen.get("id").toString(), citizen.get("phone").toString(), app);
    }

    private static ApiResponse newRequest(String citizenId) {
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        return created;
    }

    private static String status(ApiResponse created) {
        return kyso.get("/api/v1/signing-requests/" + created.string("id")).string("status");
    }

    @Test
    void shouldSwitchTheCitizenToTheAppAndShowThePortalNoSecret() {
        Enrolled enrolled = enrollApp();
        ApiResponse citizen = kyso.get("/api/v1/citizens/" + enrolled.citizenId());
        assertEquals("APP", citizen.string("otpChannel"));
        assertEquals(true, citizen.map().get("totpEnrolled"));
        assertFalse(citizen.text().toLowerCase().contains("secret") || citizen.text().contains("seed"));
    }

    @Test
    void shouldTellTheCitizenOnTheirPhoneThatAnAppWasAdded() {
        Enrolled enrolled = enrollApp();
        String newest = (String) kyso.get("/dev/outbox?phone=" + enrolled.phone().replace("+", "%2B"), null)
                .list().get(0).get("text");
        assertTrue(newest.contains("một ứng dụng xác thực đã được thêm") && newest.contains("/me"), newest);
    }

    @Test
    void shouldConfirmWithTheAppsCodeOnThePageAndSendNoMessage() {
        Enrolled enrolled = enrollApp();
        int before = kyso.get("/dev/outbox?phone=" + enrolled.phone().replace("+", "%2B"), null).list().size();
        ApiResponse created = newRequest(enrolled.citizenId());
        assertEquals(before, kyso.get("/dev/outbox?phone=" + enrolled.phone().replace("+", "%2B"), null).list().size(),
                "nothing is sent to an app user");
        long next = Totp.stepAt(Instant.now()) + 1;
        HttpResponse<String> signed = kyso.confirmOnPage(created, enrolled.app().codeForStep(next));
        assertEquals(303, signed.statusCode(), signed.body());
        assertEquals("SIGNED", status(created));
    }

    @Test
    void shouldRefuseTheAppsCodeThroughTheApiWithoutCountingIt() {
        Enrolled enrolled = enrollApp();
        ApiResponse created = newRequest(enrolled.citizenId());
        String code = enrolled.app().codeAt(Instant.now());
        ApiResponse refused = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", code));
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("otp.app_code_page_only", refused.code());
        assertEquals("AWAITING_CONFIRMATION", status(created));
        HttpResponse<String> wrongOnPage = kyso.confirmOnPage(created, "000000".equals(code) ? "111111" : "000000");
        assertTrue(wrongOnPage.body().contains("Bạn còn 4 lần thử"), "the API's refusal counted nothing: "
                + wrongOnPage.body());
        assertEquals(303, kyso.confirmOnPage(created, enrolled.app().codeForStep(Totp.stepAt(Instant.now()) + 1))
                .statusCode(), "the code the portal tried is still the citizen's to use");
    }

    @Test
    void shouldAcceptEachTimeStepOnceAcrossRequests() {
        Enrolled enrolled = enrollApp();
        long step = Totp.stepAt(Instant.now()) + 1;
        String code = enrolled.app().codeForStep(step);
        ApiResponse first = newRequest(enrolled.citizenId());
        ApiResponse second = newRequest(enrolled.citizenId());
        assertEquals(303, kyso.confirmOnPage(first, code).statusCode());
        assertEquals("SIGNED", status(first));
        HttpResponse<String> replay = kyso.confirmOnPage(second, code);
        assertEquals(400, replay.statusCode(), replay.body());
        assertTrue(replay.body().contains("Bạn còn 4 lần thử"), replay.body());
        assertEquals(400, kyso.confirmOnPage(second, enrolled.app().codeForStep(step - 1)).statusCode(),
                "an earlier step either");
        assertEquals("AWAITING_CONFIRMATION", status(second));
    }

    @Test
    void shouldHaveNoCodeToResendForAnAppUser() {
        Enrolled enrolled = enrollApp();
        ApiResponse resend = kyso.post("/api/v1/signing-requests/" + newRequest(enrolled.citizenId()).string("id")
                + "/otp", null);
        assertEquals(409, resend.status());
        assertEquals("otp.app_channel", resend.code());
    }

    @Test
    void shouldCountWrongCodesOnTheEnrollmentLinkAndLetItWorkOnce() {
        Map<String, Object> citizen = newCitizen();
        assertEquals(202, kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null).status());
        Invitation invitation = invitationFor(kyso, citizen.get("phone").toString());
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(invitation.path());
        browser.post(invitation.path() + "/invitation", browser.formWith("/invitation",
                List.of(entry("otp", invitation.code()))));
        Matcher secret = SECRET.matcher(browser.get(invitation.path()).body());
        assertTrue(secret.find());
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        String wrong = String.format("%06d", (Integer.parseInt(app.codeAt(Instant.now())) + 500_000) % 1_000_000);
        HttpResponse<String> refused = browser.post(invitation.path(), browser.formWith(invitation.path(),
                List.of(entry("otp", wrong))));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Bạn còn 4 lần thử"), refused.body());
        assertEquals(200, browser.post(invitation.path(), browser.formWith(invitation.path(),
                List.of(entry("otp", app.codeAt(Instant.now()))))).statusCode());
        HttpResponse<String> again = browser.get(invitation.path());
        assertEquals(410, again.statusCode());
    }

    @Test
    void shouldRefuseTheAppChannelBeforeAnAppIsEnrolled() {
        Map<String, Object> citizen = newCitizen();
        ApiResponse refused = kyso.put("/api/v1/citizens/" + citizen.get("id") + "/otp-channel", Map.of("otpChannel", "APP"));
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("citizen.totp_not_enrolled", refused.code());
        ApiResponse noEmail = kyso.put("/api/v1/citizens/" + citizen.get("id") + "/otp-channel", Map.of("otpChannel", "EMAIL"));
        assertEquals(400, noEmail.status());
        assertEquals("citizen.channel_unavailable", noEmail.code());
    }
}
