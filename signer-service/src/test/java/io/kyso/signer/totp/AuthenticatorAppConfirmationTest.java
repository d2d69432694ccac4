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

/** A citizen enrolls an authenticator app through the portal's link and confirms with its codes. */
@KysoService
class AuthenticatorAppConfirmationTest {
    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private record Enrolled(String citizenId, String phone, Authenticator app) {
    }

    private static Map<String, Object> newCitizen() {
        int n = CITIZENS.incrementAndGet();
        return kyso.enroll("Hoàng Thị Lan", String.format("0790992%05d", n), "+8490400" + String.format("%04d", n), null);
    }

    /** The portal asks for a link; the citizen opens it, adds the key to the app and types its first code. */
    private static Enrolled enrollApp() {
        Map<String, Object> citizen = newCitizen();
        ApiResponse link = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null);
        assertEquals(201, link.status(), link::toString);
        String path = URI.create(link.string("enrollmentUrl")).getPath();
        PageClient browser = new PageClient(kyso.url(""));
        String page = browser.get(path).body();
        Matcher secret = SECRET.matcher(page);
        assertTrue(secret.find(), page);
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        HttpResponse<String> done = browser.post(path, browser.formWith(path,
                List.of(entry("otp", app.codeAt(Instant.now())))));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Đã kích hoạt ứng dụng xác thực"));
        return new Enrolled(citizen.get("id").toString(), citizen.get("phone").toString(), app);
    }

    private static String newRequest(String citizenId) {
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        return created.string("id");
    }

    private static ApiResponse confirm(String id, String otp) {
        return kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", otp));
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
    void shouldConfirmWithTheAppsCodeAndSendNoMessage() {
        Enrolled enrolled = enrollApp();
        String id = newRequest(enrolled.citizenId());
        ApiResponse outbox = kyso.get("/dev/outbox?phone=" + enrolled.phone().replace("+", "%2B"), null);
        assertTrue(outbox.list().isEmpty(), "nothing is sent to an app user: " + outbox);
        long next = Totp.stepAt(Instant.now()) + 1;
        ApiResponse signed = confirm(id, enrolled.app().codeForStep(next));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
    }

    @Test
    void shouldAcceptEachTimeStepOnceAcrossRequests() {
        Enrolled enrolled = enrollApp();
        long step = Totp.stepAt(Instant.now()) + 1;
        String code = enrolled.app().codeForStep(step);
        String first = newRequest(enrolled.citizenId());
        String second = newRequest(enrolled.citizenId());
        assertEquals("SIGNED", confirm(first, code).string("status"));
        ApiResponse replay = confirm(second, code);
        assertEquals(400, replay.status(), replay::toString);
        assertEquals("otp.invalid", replay.code());
        assertEquals(4, ((Number) replay.map().get("attemptsLeft")).intValue());
        assertEquals("otp.invalid", confirm(second, enrolled.app().codeForStep(step - 1)).code(), "an earlier step either");
    }

    @Test
    void shouldHaveNoCodeToResendForAnAppUser() {
        Enrolled enrolled = enrollApp();
        ApiResponse resend = kyso.post("/api/v1/signing-requests/" + newRequest(enrolled.citizenId()) + "/otp", null);
        assertEquals(409, resend.status());
        assertEquals("otp.app_channel", resend.code());
    }

    @Test
    void shouldCountWrongCodesOnTheEnrollmentLinkAndLetItWorkOnce() {
        Map<String, Object> citizen = newCitizen();
        String path = URI.create(kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null)
                .string("enrollmentUrl")).getPath();
        PageClient browser = new PageClient(kyso.url(""));
        Matcher secret = SECRET.matcher(browser.get(path).body());
        assertTrue(secret.find());
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        String wrong = String.format("%06d", (Integer.parseInt(app.codeAt(Instant.now())) + 500_000) % 1_000_000);
        HttpResponse<String> refused = browser.post(path, browser.formWith(path, List.of(entry("otp", wrong))));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Bạn còn 4 lần thử"), refused.body());
        assertEquals(200, browser.post(path, browser.formWith(path,
                List.of(entry("otp", app.codeAt(Instant.now()))))).statusCode());
        HttpResponse<String> again = browser.get(path);
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
