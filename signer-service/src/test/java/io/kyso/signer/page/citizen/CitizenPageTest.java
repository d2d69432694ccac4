package io.kyso.signer.page.citizen;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.CitizenPage;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The citizen's own page: a login with a code sent to their phone; every signature ever asked of
 * their key (portal, title, documents, time, outcome) and their factors; a suspension that revokes
 * the credential at once; a new phone or email, proven by a code sent to it and announced on every
 * channel.
 */
@KysoService(properties = {"kyso.factors.resend-interval=0s", "kyso.citizen-page.login-codes-per-hour=3"})
class CitizenPageTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private record Citizen(String id, String phone, String certificatePem) {
    }

    private static Citizen newCitizen() {
        int n = CITIZENS.incrementAndGet();
        String phone = "+8490800" + String.format("%04d", n);
        Map<String, Object> enrolled = kyso.enroll("Trần Quốc Toản", String.format("0790997%05d", n), phone, null);
        return new Citizen(enrolled.get("id").toString(), phone, enrolled.get("certificate").toString());
    }

    private static ApiResponse signedRequest(Citizen citizen, String title) {
        ApiResponse created = kyso.createRequest(citizen.id(), title, List.of(pdf("giay-de-nghi.pdf", TestPdfs.small()),
                pdf("phu-luc.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        ApiResponse signed = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", kyso.latestCode(citizen.phone())));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
        return created;
    }

    @Test
    void shouldShowEverySignatureMadeWithTheKeyAfterALoginByCode() {
        Citizen citizen = newCitizen();
        ApiResponse signed = signedRequest(citizen, "Hồ sơ đăng ký hộ kinh doanh");
        ApiResponse waiting = kyso.createRequest(citizen.id(), "Tờ khai thuế", List.of(pdf("to-khai.pdf", TestPdfs.small())));

        String page = CitizenPage.logIn(kyso, citizen.phone()).lastPage();
        assertTrue(page.contains("Chữ ký số do Cổng Dịch vụ công (phát triển) đăng ký"), page);
        assertTrue(page.contains("Hồ sơ đăng ký hộ kinh doanh") && page.contains(signed.string("reference")), page);
        assertTrue(page.contains("giay-de-nghi.pdf · đã ký") && page.contains("phu-luc.pdf · đã ký"), page);
        assertTrue(page.contains("Tờ khai thuế") && page.contains("Đang chờ bạn xác nhận")
                && page.contains(waiting.string("reference")), page);
        assertTrue(page.contains("Đang hoạt động"), page);
    }

    @Test
    void shouldNotSayWhetherAPhoneIsEnrolledNorTextIt() {
        String unknown = "+84908999999";
        PageClient browser = new PageClient(kyso.url(""));
        browser.get("/me");
        HttpResponse<String> asked = browser.post("/me/login", browser.formWith("/me/login", List.of(entry("phone", unknown))));
        assertEquals(303, asked.statusCode());
        assertTrue(browser.get("/me").body().contains("Nếu số •••• ••• 999 đã được đăng ký"));
        assertTrue(kyso.get("/dev/outbox?phone=%2B84908999999", null).list().isEmpty(), "nothing is sent to it");
        HttpResponse<String> guessed = browser.post("/me/code", browser.formWith("/me/code", List.of(entry("otp", "123456"))));
        assertEquals(400, guessed.statusCode(), "a code is wrong as for any number");
        assertTrue(guessed.body().contains("Bạn còn 4 lần thử"), guessed.body());
    }

    @Test
    void shouldLimitTheLoginCodesSentToOnePhone() {
        Citizen citizen = newCitizen();
        int before = kyso.get("/dev/outbox?phone=" + citizen.phone().replace("+", "%2B"), null).list().size();
        for (int i = 0; i < 5; i++) {
            PageClient browser = new PageClient(kyso.url(""));
            browser.get("/me");
            browser.post("/me/login", browser.formWith("/me/login", List.of(entry("phone", citizen.phone()))));
        }
        int after = kyso.get("/dev/outbox?phone=" + citizen.phone().replace("+", "%2B"), null).list().size();
        assertEquals(3, after - before, "three login codes an hour, configured");
    }

    /** A dishonest caller starting logins without end gets no more codes to guess at, nor texts sent. */
    @Test
    void shouldGiveNoCodeToALoginPastTheHourlyLimit() {
        Citizen citizen = newCitizen();
        String outbox = "/dev/outbox?phone=" + citizen.phone().replace("+", "%2B");
        PageClient last = null;
        for (int i = 0; i < 6; i++) {
            last = new PageClient(kyso.url(""));
            last.get("/me");
            last.post("/me/login", last.formWith("/me/login", List.of(entry("phone", citizen.phone()))));
        }
        assertEquals(3L, DatabaseProbe.number(kyso, "SELECT COUNT(*) FROM factor_code WHERE purpose = 'LOGIN'"
                + " AND recipient = ?", citizen.phone()), "codes exist for the first three logins only");
        int before = kyso.get(outbox, null).list().size();
        last.get("/me");
        last.post("/me/resend", last.formWith("/me/resend", List.of()));
        assertEquals(before, kyso.get(outbox, null).list().size(), "nothing to resend for a login without a code");
    }

    @Test
    void shouldSuspendTheCredentialAtOnceAndRevokeItsCertificate() throws Exception {
        Citizen citizen = newCitizen();
        ApiResponse waiting = kyso.createRequest(citizen.id(), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        String code = kyso.latestCode(citizen.phone());
        PageClient browser = CitizenPage.logIn(kyso, citizen.phone());
        String action = "/me/credentials/" + citizen.id() + "/suspension";
        HttpResponse<String> suspended = browser.post(action, browser.formWith(action, List.of()));
        assertEquals(303, suspended.statusCode(), suspended.body());
        assertTrue(browser.get(suspended.headers().firstValue("location").orElseThrow()).body()
                .contains("Đã tạm dừng chữ ký số"));

        assertEquals("REVOKED", kyso.get("/api/v1/citizens/" + citizen.id()).string("credentialStatus"));
        ApiResponse refused = kyso.post("/api/v1/signing-requests/" + waiting.string("id") + "/confirmation",
                Map.of("otp", code));
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("credential.revoked", refused.code());
        assertEquals("credential.revoked", kyso.createRequest(citizen.id(), "Hồ sơ mới",
                List.of(pdf("b.pdf", TestPdfs.small()))).code());
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(kyso.crl()));
        assertNotNull(crl.getRevokedCertificate(serialOf(citizen)), "the CRL lists the suspended credential");
        String notice = (String) kyso.get("/dev/outbox?phone=" + citizen.phone().replace("+", "%2B"), null).list()
                .get(0).get("text");
        assertTrue(notice.contains("chữ ký số của bạn đã bị tạm dừng"), notice);
    }

    @Test
    void shouldChangeThePhoneOnlyWithACodeSentToTheNewOneAndTellBothPhones() {
        Citizen citizen = newCitizen();
        String newPhone = "+84908777" + String.format("%03d", CITIZENS.incrementAndGet());
        PageClient browser = CitizenPage.logIn(kyso, citizen.phone());
        browser.post("/me/phone", browser.formWith("/me/phone", List.of(entry("phone", newPhone))));
        browser.get("/me");
        HttpResponse<String> wrong = browser.post("/me/phone/code", browser.formWith("/me/phone/code",
                List.of(entry("otp", "000000"))));
        assertEquals(400, wrong.statusCode());
        assertEquals(citizen.phone(), kyso.get("/api/v1/citizens/" + citizen.id()).string("phone"), "unchanged");
        String code = latestVerificationCode(newPhone);
        HttpResponse<String> changed = browser.post("/me/phone/code", browser.formWith("/me/phone/code",
                List.of(entry("otp", code))));
        assertEquals(303, changed.statusCode(), changed.body());
        assertEquals(newPhone, kyso.get("/api/v1/citizens/" + citizen.id()).string("phone"));
        for (String phone : List.of(citizen.phone(), newPhone)) {
            String notice = (String) kyso.get("/dev/outbox?phone=" + phone.replace("+", "%2B"), null).list().get(0)
                    .get("text");
            assertTrue(notice.contains("số điện thoại nhận mã của chữ ký số của bạn đã được đổi"), phone + ": " + notice);
        }
        ApiResponse created = kyso.createRequest(citizen.id(), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals("SIGNED", kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", kyso.latestCode(newPhone))).string("status"), "codes go to the new phone");
    }

    @Test
    void shouldAddAnEmailTheCitizenProvedAndLetThePortalChooseIt() {
        Citizen citizen = newCitizen();
        String email = "toan" + CITIZENS.incrementAndGet() + "@example.vn";
        PageClient browser = CitizenPage.logIn(kyso, citizen.phone());
        browser.post("/me/email", browser.formWith("/me/email", List.of(entry("email", email))));
        browser.get("/me");
        String code = latestEmailCode(email);
        assertEquals(303, browser.post("/me/email/code", browser.formWith("/me/email/code",
                List.of(entry("otp", code)))).statusCode());
        ApiResponse view = kyso.get("/api/v1/citizens/" + citizen.id());
        assertEquals(email, view.string("email"));
        assertEquals(true, view.map().get("emailVerified"));
        ApiResponse chosen = kyso.put("/api/v1/citizens/" + citizen.id() + "/otp-channel", Map.of("otpChannel", "EMAIL"));
        assertEquals("EMAIL", chosen.string("otpChannel"), chosen::toString);
    }

    @Test
    void shouldKeepTheSessionInAStrictHttpOnlyCookieOfItsOwnPath() {
        PageClient browser = new PageClient(kyso.url(""));
        browser.get("/me");
        HttpResponse<String> asked = browser.post("/me/login", browser.formWith("/me/login",
                List.of(entry("phone", "+84908111111"))));
        String cookie = asked.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("kyso_me="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("SameSite=Strict") && cookie.toLowerCase().contains("httponly")
                && cookie.contains("Path=/me"), cookie);
        assertFalse(asked.headers().firstValue("location").orElse("").contains("kyso_me"));
    }

    private static BigInteger serialOf(Citizen citizen) throws Exception {
        return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(citizen.certificatePem().getBytes(StandardCharsets.US_ASCII)))).getSerialNumber();
    }

    private static String latestVerificationCode(String phone) {
        String text = (String) kyso.get("/dev/outbox?phone=" + phone.replace("+", "%2B"), null).list().get(0).get("text");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Mã xác minh [^:]+: (\\d{6})").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    private static String latestEmailCode(String email) {
        String text = (String) kyso.get("/dev/outbox?email=" + email, null).list().get(0).get("text");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Mã xác minh [^:]+: (\\d{6})").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
