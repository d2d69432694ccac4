package io.kyso.signer.hostile;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A dishonest portal holding only its API key tries to obtain a factor of its citizen (an
 * authenticator's secret, a code, a phone or email of its choosing) through everything it can call,
 * read or receive: API answers, the links it is handed, webhooks, the citizen's pages. Each attempt
 * ends in a clear problem answer (or a page that asks for what only the citizen has) and obtains
 * nothing.
 */
@KysoService
class PortalNeverHoldsAFactorTest {
    /** A code standing alone, not six digits inside an id or a time. */
    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9A-Za-z.-])[0-9]{6}(?![0-9A-Za-z-])");
    private static final Pattern SECRET = Pattern.compile("id=\"secret\"");
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private static Map<String, Object> activeCitizen() {
        int n = CITIZENS.incrementAndGet();
        return kyso.enroll("Lê Văn Duyệt", String.format("0790998%05d", n), "+8490500" + String.format("%04d", n), null);
    }

    private static String phoneOf(Map<String, Object> citizen) {
        return citizen.get("phone").toString();
    }

    private static List<String> outboxTexts(String phone) {
        return kyso.get("/dev/outbox?phone=" + phone.replace("+", "%2B"), null).list().stream()
                .map(m -> m.get("text").toString()).toList();
    }

    @Test
    void shouldNeverShowAnAuthenticatorSecretToThePortal() {
        Map<String, Object> citizen = activeCitizen();
        ApiResponse asked = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null);
        assertEquals(202, asked.status(), asked::toString);
        assertEquals(List.of("citizenId", "expiresAt", "sentVia"), asked.map().keySet().stream().sorted().toList(),
                "the portal learns that an invitation went, nothing else: " + asked);
        assertFalse(asked.text().contains("/t/") || SIX_DIGITS.matcher(asked.text()).find(), asked.text());
        String invitation = outboxTexts(phoneOf(citizen)).get(0);
        assertTrue(invitation.contains("Mã mời") && invitation.contains("/t/"), "the citizen has it: " + invitation);
        ApiResponse view = kyso.get("/api/v1/citizens/" + citizen.get("id"));
        assertFalse(view.text().contains("/t/") || view.text().toLowerCase().contains("secret"), view.text());
    }

    @Test
    void shouldShowNoSecretToAHolderOfTheInvitationLinkWithoutItsCode() {
        Map<String, Object> citizen = activeCitizen();
        kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null);
        Matcher link = Pattern.compile("Mở (\\S+) và").matcher(outboxTexts(phoneOf(citizen)).get(0));
        assertTrue(link.find());
        String path = URI.create(link.group(1)).getRawPath();
        PageClient leaked = new PageClient(kyso.url(""));
        HttpResponse<String> page = leaked.get(path);
        assertFalse(SECRET.matcher(page.body()).find(), "the link alone shows no secret");
        HttpResponse<String> answer = null;
        for (int i = 0; i < 5; i++) {
            answer = leaked.post(path + "/invitation", leaked.formWith("/invitation", List.of(entry("otp", "00000" + i))));
            assertFalse(SECRET.matcher(answer.body()).find(), answer.body());
        }
        assertEquals(423, answer.statusCode(), "five wrong codes lock the invitation: " + answer.body());
        HttpResponse<String> activate = leaked.post(path, List.of(entry("otp", "123456")));
        assertTrue(activate.statusCode() >= 400 && !SECRET.matcher(activate.body()).find(), activate.body());
        assertEquals(false, kyso.get("/api/v1/citizens/" + citizen.get("id")).map().get("totpEnrolled"));
    }

    @Test
    void shouldNotActivateACredentialWithoutTheCodeSentToTheCitizensPhone() {
        int n = CITIZENS.incrementAndGet();
        Map<String, Object> pending = kyso.enrollPending("Võ Trường Toản", String.format("0790998%05d", n),
                "+8490500" + String.format("%04d", n), null);
        String path = URI.create(pending.get("activationUrl").toString()).getRawPath();
        assertFalse(SIX_DIGITS.matcher(pending.toString().replace(pending.get("id").toString(), "")
                .replaceAll("-----BEGIN CERTIFICATE-----[^-]*", "")).find(), "no code in the answer: " + pending);
        PageClient portalsBrowser = new PageClient(kyso.url(""));
        portalsBrowser.get(path);
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = portalsBrowser.post(path + "/codes", portalsBrowser.formWith("/codes", List.of(entry("otp", "99999" + i))));
        }
        assertEquals(423, last.statusCode(), last.body());
        assertEquals("PENDING_ACTIVATION", kyso.get("/api/v1/citizens/" + pending.get("id")).string("credentialStatus"));
        ApiResponse refused = kyso.createRequest(pending.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals("credential.not_activated", refused.code());
    }

    @Test
    void shouldNotActivateWithTheCodeOfAnEmailThePortalGaveAlone() {
        int n = CITIZENS.incrementAndGet();
        String portalsMailbox = "portal-" + n + "@cong.example.vn";
        ApiResponse enrolled = kyso.post("/api/v1/citizens", Map.of("nationalId", String.format("0790998%05d", n),
                "fullName", "Nguyễn Tri Phương", "phone", "+8490500" + String.format("%04d", n), "email", portalsMailbox,
                "otpChannel", "EMAIL"));
        assertEquals(201, enrolled.status(), enrolled::toString);
        String path = URI.create(enrolled.string("activationUrl")).getRawPath();
        PageClient portalsBrowser = new PageClient(kyso.url(""));
        portalsBrowser.get(path);
        HttpResponse<String> tried = portalsBrowser.post(path + "/codes", portalsBrowser.formWith("/codes", List.of(
                entry("emailOtp", kyso.latestActivationCode("email", portalsMailbox)), entry("otp", "000000"))));
        assertEquals(400, tried.statusCode(), tried.body());
        ApiResponse view = kyso.get("/api/v1/citizens/" + enrolled.string("id"));
        assertEquals("PENDING_ACTIVATION", view.string("credentialStatus"));
        assertEquals(false, view.map().get("emailVerified"), "an email proves nothing without the phone");
    }

    @Test
    void shouldNotLetThePortalMakeAnUnprovenEmailCarryCodes() {
        int n = CITIZENS.incrementAndGet();
        ApiResponse enrolled = kyso.post("/api/v1/citizens", Map.of("nationalId", String.format("0790998%05d", n),
                "fullName", "Trịnh Hoài Đức", "phone", "+8490500" + String.format("%04d", n)));
        kyso.activate(enrolled.map());
        ApiResponse refused = kyso.put("/api/v1/citizens/" + enrolled.string("id") + "/otp-channel",
                Map.of("otpChannel", "EMAIL"));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("citizen.channel_unavailable", refused.code(), "no email at all");
        ApiResponse again = kyso.post("/api/v1/citizens", Map.of("nationalId", String.format("0790998%05d", n),
                "fullName", "Trịnh Hoài Đức", "phone", "+84905009999", "email", "portal@cong.example.vn"));
        assertEquals(409, again.status(), "no second enrollment with the portal's own factors: " + again);
        assertEquals("citizen.already_enrolled", again.code());
        ApiResponse patch = kyso.put("/api/v1/citizens/" + enrolled.string("id"), Map.of("phone", "+84905009999"));
        assertTrue(patch.status() == 404 || patch.status() == 405, "no API changes a phone: " + patch);
        assertTrue(patch.contentType().startsWith("application/problem+json"), patch.contentType());
        assertEquals(enrolled.string("phone"), kyso.get("/api/v1/citizens/" + enrolled.string("id")).string("phone"));
    }

    @Test
    void shouldGiveThePortalNoCodeInAnyAnswerOrCallback() throws Exception {
        try (WebhookReceiver portal = new WebhookReceiver()) {
            int n = CITIZENS.incrementAndGet();
            String phone = "+8490500" + String.format("%04d", n);
            List<String> seen = new ArrayList<>();
            ApiResponse enrolled = kyso.post("/api/v1/citizens", Map.of("nationalId", String.format("0790998%05d", n),
                    "fullName", "Phạm Ngũ Lão", "phone", phone));
            seen.add(enrolled.text());
            ApiResponse renewed = kyso.post("/api/v1/citizens/" + enrolled.string("id") + "/activation", null);
            seen.add(renewed.text());
            kyso.activate(renewed.string("activationUrl"), phone, null);
            seen.add(kyso.get("/api/v1/citizens/" + enrolled.string("id")).text());
            Map<String, Object> body = new HashMap<>(Map.of("citizenId", enrolled.string("id"), "title", "Hồ sơ",
                    "documents", List.of(pdf("a.pdf", TestPdfs.small())), "callbackUrl", portal.url().toString()));
            ApiResponse created = kyso.post("/api/v1/signing-requests", body);
            seen.add(created.text());
            seen.add(kyso.post("/api/v1/signing-requests/" + created.string("id") + "/otp", null).text());
            seen.add(kyso.get("/api/v1/signing-requests/" + created.string("id")).text());
            seen.add(kyso.post("/api/v1/citizens/" + enrolled.string("id") + "/totp-enrollment", null).text());
            seen.add(kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                    Map.of("otp", kyso.latestCode(phone))).text());
            seen.add(new String(portal.next(Duration.ofSeconds(30)).body(), StandardCharsets.UTF_8));
            seen.add(kyso.get("/api/v1/audit/events?requestId=" + created.string("id")).text());

            List<String> codes = new ArrayList<>();
            for (String text : outboxTexts(phone)) {
                Matcher code = Pattern.compile("Mã [^:]+: ([0-9]{6})").matcher(text);
                if (code.find()) {
                    codes.add(code.group(1));
                }
            }
            assertTrue(codes.size() >= 4, "activation, request, resend and invitation codes: " + codes);
            for (String answer : seen) {
                for (String code : codes) {
                    assertFalse(answer.contains(code), "a code the citizen received reached the portal: " + answer);
                }
            }
        }
    }

    @Test
    void shouldNotOpenTheCitizensPageToThePortalsApiKey() {
        Map<String, Object> citizen = activeCitizen();
        ApiResponse page = kyso.get("/me");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("id=\"login-form\"") && !page.text().contains(citizen.get("id").toString()),
                "an API key opens nothing: the page asks for a phone");
        ApiResponse suspend = kyso.post("/me/credentials/" + citizen.get("id") + "/suspension", Map.of());
        assertTrue(suspend.status() == 403 || suspend.status() == 415, suspend::toString);
        assertEquals("ACTIVE", kyso.get("/api/v1/citizens/" + citizen.get("id")).string("credentialStatus"));
    }
}
