package io.kyso.signer.hostile;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.Authenticator;
import io.kyso.signer.testing.IndependentValidators;
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
 * What sole control must not cost: every honest way of confirming still signs, after an activation
 * by the citizen, and every signature still validates in EU DSS (PAdES-BASELINE-B, TOTAL_PASSED) and
 * in pdfsig. SMS relayed by the portal, email, an authenticator on the confirmation page, and
 * item-by-item approval on the page. (The identity login at activation: CredentialActivationTest.)
 */
@KysoService
class HonestFlowsStillSignTest {
    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Pattern INVITATION = Pattern.compile("Mã mời: (\\d{6})\\..* Mở (\\S+) và");
    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private static String nationalId() {
        return String.format("0790994%05d", CITIZENS.incrementAndGet());
    }

    private static String phone() {
        return "+8490200" + String.format("%04d", CITIZENS.incrementAndGet());
    }

    private static ApiResponse request(Object citizenId, int documents) {
        List<Map<String, Object>> pdfs = new java.util.ArrayList<>();
        for (int i = 1; i <= documents; i++) {
            pdfs.add(pdf("tai-lieu-" + i + ".pdf", TestPdfs.withPages(1, "Tai lieu " + i)));
        }
        ApiResponse created = kyso.createRequest(citizenId, "Hồ sơ", pdfs);
        assertEquals(201, created.status(), created::toString);
        return created;
    }

    /** Every signed document of the request validates in EU DSS and pdfsig; returns how many there are. */
    private static int assertSignedDocumentsValidate(ApiResponse created) {
        ApiResponse done = kyso.get("/api/v1/signing-requests/" + created.string("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) done.map().get("documents");
        int signed = 0;
        for (Map<String, Object> document : documents) {
            if ("SIGNED".equals(document.get("status"))) {
                byte[] pdf = kyso.get("/api/v1/signing-requests/" + created.string("id") + "/documents/"
                        + document.get("id") + "/signed").body();
                IndependentValidators.assertPadesLtValid(pdf, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
                IndependentValidators.assertPdfsigValid(pdf);
                signed++;
            }
        }
        return signed;
    }

    @Test
    void shouldSignWithAnSmsCodeThePortalRelays() {
        String phone = phone();
        Map<String, Object> citizen = kyso.enroll("Đoàn Thị Điểm", nationalId(), phone, null);
        ApiResponse created = request(citizen.get("id"), 1);
        ApiResponse signed = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", kyso.latestCode(phone)));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
        assertEquals(1, assertSignedDocumentsValidate(created));
    }

    @Test
    void shouldSignWithAnEmailCodeOnceTheCitizenProvedTheEmailAtActivation() {
        String email = "diem" + CITIZENS.incrementAndGet() + "@example.vn";
        ApiResponse enrolled = kyso.post("/api/v1/citizens", Map.of("nationalId", nationalId(), "fullName",
                "Hồ Xuân Hương", "phone", phone(), "email", email, "otpChannel", "EMAIL"));
        assertEquals(201, enrolled.status(), enrolled::toString);
        kyso.activate(enrolled.map());
        assertEquals(true, kyso.get("/api/v1/citizens/" + enrolled.string("id")).map().get("emailVerified"));
        ApiResponse created = request(enrolled.string("id"), 1);
        Matcher code = CODE.matcher((String) kyso.get("/dev/outbox?email=" + email, null).list().get(0).get("text"));
        assertTrue(code.find());
        ApiResponse signed = kyso.post("/api/v1/signing-requests/" + created.string("id") + "/confirmation",
                Map.of("otp", code.group(1)));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
        assertEquals(1, assertSignedDocumentsValidate(created));
    }

    @Test
    void shouldSignWithAnAuthenticatorCodeOnTheConfirmationPage() {
        String phone = phone();
        Map<String, Object> citizen = kyso.enroll("Bà Huyện Thanh Quan", nationalId(), phone, null);
        assertEquals(202, kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null).status());
        Matcher invitation = INVITATION.matcher((String) kyso.get("/dev/outbox?phone=" + phone.replace("+", "%2B"), null)
                .list().get(0).get("text"));
        assertTrue(invitation.find());
        String path = URI.create(invitation.group(2)).getRawPath();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(path);
        browser.post(path + "/invitation", browser.formWith("/invitation", List.of(entry("otp", invitation.group(1)))));
        Matcher secret = SECRET.matcher(browser.get(path).body());
        assertTrue(secret.find());
        Authenticator app = Authenticator.fromSecret(secret.group(1));
        assertEquals(200, browser.post(path, browser.formWith(path, List.of(entry("otp", app.codeAt(Instant.now())))))
                .statusCode());

        ApiResponse created = request(citizen.get("id"), 2);
        HttpResponse<String> confirmed = kyso.confirmOnPage(created, app.codeForStep(Totp.stepAt(Instant.now()) + 1));
        assertEquals(303, confirmed.statusCode(), confirmed.body());
        assertEquals(2, assertSignedDocumentsValidate(created));
    }

    @Test
    void shouldSignOnlyTheDocumentsTheCitizenTickedOnThePage() {
        String phone = phone();
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Minh Khai", nationalId(), phone, null);
        ApiResponse created = request(citizen.get("id"), 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) created.map().get("documents");
        String path = URI.create(created.string("confirmationUrl")).getRawPath();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(path);
        HttpResponse<String> confirmed = browser.post(path + "/confirmation", browser.formWith("/confirmation", List.of(
                entry("otp", kyso.latestCode(phone)), entry("approved", documents.get(0).get("id").toString()),
                entry("approved", documents.get(2).get("id").toString()))));
        assertEquals(303, confirmed.statusCode(), confirmed.body());
        assertEquals("PARTIALLY_SIGNED", kyso.get("/api/v1/signing-requests/" + created.string("id")).string("status"));
        assertEquals(2, assertSignedDocumentsValidate(created));
    }
}
