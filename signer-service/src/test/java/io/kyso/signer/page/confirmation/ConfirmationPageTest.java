package io.kyso.signer.page.confirmation;

import io.kyso.signer.request.RequestHousekeeping;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PageClient;
import io.kyso.signer.testing.TestPdfs;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The citizen's confirmation page over plain HTTP, as a browser without JavaScript uses it: what it
 * shows, its forms and their CSRF protection, its security headers, its size, and that neither the
 * link's token nor a code reaches the log. The browser scenarios are in ConfirmationPageBrowserIT.
 */
@KysoService(properties = "kyso.otp.citizen-failure-limit=7")
class ConfirmationPageTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    /** A request for a new citizen: its id, its link's path, and the citizen's phone. */
    record Dossier(String id, String path, String phone, List<String> documentIds) {
    }

    static Dossier newDossier(String title, List<Map<String, Object>> documents) {
        int n = CITIZENS.incrementAndGet();
        String phone = "+8490300" + String.format("%04d", n);
        Map<String, Object> citizen = kyso.enroll("Vũ Thị Thu Hà", String.format("0790991%05d", n), phone, null);
        ApiResponse created = kyso.createRequest(citizen.get("id"), title, documents);
        assertEquals(201, created.status(), created::toString);
        @SuppressWarnings("unchecked")
        List<String> docIds = ((List<Map<String, Object>>) created.map().get("documents")).stream()
                .map(d -> d.get("id").toString()).toList();
        return new Dossier(created.string("id"), URI.create(created.string("confirmationUrl")).getPath(), phone, docIds);
    }

    private static Dossier onePdf() {
        return newDossier("Hồ sơ đăng ký hộ kinh doanh", List.of(pdf("giay-de-nghi.pdf", TestPdfs.withPages(2, "De nghi"))));
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void shouldDeleteThePreviewsOfEndedRequestsAfterAWhileAndKeepTheDocuments() throws Exception {
        Dossier ended = newDossier("Hồ sơ đã ký", List.of(pdf("don.pdf", TestPdfs.withPages(2, "Don"))));
        Dossier waiting = onePdf();
        DocumentStore store = kyso.context().getBean(DocumentStore.class);
        for (Dossier dossier : List.of(ended, waiting)) {
            assertEquals(200, kyso.get(dossier.path() + "/documents/" + dossier.documentIds().get(0) + "/preview.png", null)
                    .status());
            assertTrue(store.exists(previewKey(dossier)), "the preview is cached");
        }
        ApiResponse signed = kyso.post("/api/v1/signing-requests/" + ended.id() + "/confirmation",
                Map.of("otp", kyso.latestCode(ended.phone())));
        assertEquals("SIGNED", signed.string("status"), signed::toString);
        RequestHousekeeping housekeeping = kyso.context().getBean(RequestHousekeeping.class);

        assertEquals(0, housekeeping.purgePreviews(Instant.now().minus(Duration.ofMinutes(30))), "kept for a while");
        assertTrue(store.exists(previewKey(ended)));
        assertEquals(1, housekeeping.purgePreviews(Instant.now().plus(Duration.ofHours(2))));

        assertFalse(store.exists(previewKey(ended)), "the ended request's preview is deleted");
        assertTrue(store.exists(previewKey(waiting)), "a request still awaiting keeps its preview");
        String documents = "/api/v1/signing-requests/" + ended.id() + "/documents/" + ended.documentIds().get(0);
        assertEquals(200, kyso.get(documents + "/original").status());
        assertEquals(200, kyso.get(documents + "/signed").status());
        assertEquals(0, housekeeping.purgePreviews(Instant.now().plus(Duration.ofHours(2))), "each request once");
    }

    private static String previewKey(Dossier dossier) {
        return "previews/" + dossier.id() + "/" + dossier.documentIds().get(0) + ".png";
    }

    @Test
    void shouldShowTheDossierInVietnameseWithItsReferenceAndDocuments() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        HttpResponse<String> page = browser.get(dossier.path());
        assertEquals(200, page.statusCode());
        String html = page.body();
        String reference = kyso.get("/api/v1/signing-requests/" + dossier.id()).string("reference");
        assertTrue(html.contains("<html lang=\"vi\">"), html);
        assertTrue(html.contains("Hồ sơ đăng ký hộ kinh doanh"));
        assertTrue(html.contains(reference));
        assertTrue(html.contains("Cổng Dịch vụ công (phát triển)"));
        assertTrue(html.contains("giay-de-nghi.pdf"));
        assertTrue(html.contains("inputmode=\"numeric\"") && html.contains("autocomplete=\"one-time-code\""));
        assertTrue(html.contains("<label for=\"otp\">"));
        assertTrue(html.contains(kyso.latestCode(dossier.phone()).isEmpty() ? "" : reference));
        assertTrue(browser.get(dossier.path() + "?lang=en").body().contains("Documents to sign (1)"));
    }

    @Test
    void shouldSendSecurityHeadersAndAStrictCsrfCookie() {
        Dossier dossier = onePdf();
        HttpResponse<String> page = new PageClient(kyso.url("")).get(dossier.path());
        assertEquals("DENY", page.headers().firstValue("x-frame-options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("referrer-policy").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("x-content-type-options").orElse(""));
        String csp = page.headers().firstValue("content-security-policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        String cookie = page.headers().firstValue("set-cookie").orElse("");
        assertTrue(cookie.contains("SameSite=Strict") && cookie.toLowerCase().contains("httponly"), cookie);
        assertFalse(page.body().contains("<script>"), "no inline script");
        assertTrue(page.headers().firstValue("cache-control").orElse("").contains("no-store"));
    }

    @Test
    void shouldKeepThePageWithoutPreviewsUnder100Kilobytes() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        int total = browser.get(dossier.path()).body().getBytes(StandardCharsets.UTF_8).length
                + browser.get("/assets/kyso.css").body().length() + browser.get("/assets/kyso.js").body().length();
        assertTrue(total < 100 * 1024, "page, style and script weigh " + total + " bytes");
    }

    @Test
    void shouldServeASmallPngPreviewOfTheFirstPage() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(dossier.path());
        ApiResponse png = kyso.get(dossier.path() + "/documents/" + dossier.documentIds().get(0) + "/preview.png", null);
        assertEquals(200, png.status(), png::toString);
        assertEquals("image/png", png.contentType());
        assertEquals((byte) 0x89, png.body()[0]);
        assertTrue(png.body().length < 200 * 1024, png.body().length + " bytes");
    }

    @Test
    void shouldRefuseAFormWithoutItsCsrfTokenAndSignNothing() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(dossier.path());
        String code = kyso.latestCode(dossier.phone());
        List<Map.Entry<String, String>> forged = new java.util.ArrayList<>(browser.formWith("/confirmation",
                List.of(entry("otp", code), entry("approved", dossier.documentIds().get(0)))));
        forged.removeIf(e -> e.getKey().equals("csrf"));
        forged.add(entry("csrf", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])));
        HttpResponse<String> answer = browser.post(dossier.path() + "/confirmation", forged);
        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().contains("Trang đã cũ"), answer.body());
        assertEquals("AWAITING_CONFIRMATION", kyso.get("/api/v1/signing-requests/" + dossier.id()).string("status"));
    }

    @Test
    void shouldTellAttemptsLeftThenConfirmWithTheRightCode() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(dossier.path());
        String code = kyso.latestCode(dossier.phone());
        HttpResponse<String> wrong = browser.post(dossier.path() + "/confirmation", browser.formWith("/confirmation",
                List.of(entry("otp", wrong(code)), entry("approved", dossier.documentIds().get(0)))));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("Bạn còn 4 lần thử"), wrong.body());
        assertTrue(wrong.body().contains("aria-invalid=\"true\""));
        HttpResponse<String> right = browser.post(dossier.path() + "/confirmation", browser.formWith("/confirmation",
                List.of(entry("otp", code), entry("approved", dossier.documentIds().get(0)))));
        assertEquals(303, right.statusCode(), right.body());
        assertTrue(browser.get(right.headers().firstValue("location").orElseThrow()).body().contains("Đã ký xong"));
        assertEquals("SIGNED", kyso.get("/api/v1/signing-requests/" + dossier.id()).string("status"));
    }

    @Test
    void shouldSayPlainlyThatARequestIsLockedAfterFiveWrongCodes() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(dossier.path());
        String wrong = wrong(kyso.latestCode(dossier.phone()));
        HttpResponse<String> answer = null;
        for (int i = 0; i < 5; i++) {
            answer = browser.post(dossier.path() + "/confirmation", browser.formWith("/confirmation",
                    List.of(entry("otp", wrong), entry("approved", dossier.documentIds().get(0)))));
        }
        assertEquals(423, answer.statusCode());
        assertTrue(answer.body().contains("Yêu cầu đã bị khóa"), answer.body());
        assertTrue(browser.get(dossier.path()).body().contains("Yêu cầu đã bị khóa"));
    }

    @Test
    void shouldEnforceThePerCitizenLockOnThePage() {
        int n = CITIZENS.incrementAndGet();
        String phone = "+8490300" + String.format("%04d", n);
        Map<String, Object> citizen = kyso.enroll("Đỗ Minh Khôi", String.format("0790991%05d", n), phone, null);
        PageClient browser = new PageClient(kyso.url(""));
        HttpResponse<String> last = null;
        for (int r = 0; r < 2; r++) {
            ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
            String path = URI.create(created.string("confirmationUrl")).getPath();
            String wrong = wrong(kyso.latestCode(phone));
            browser.get(path);
            for (int i = 0; i < 4; i++) {
                last = browser.post(path + "/confirmation", browser.formWith("/confirmation", List.of(entry("otp", wrong))));
            }
        }
        assertEquals(423, last.statusCode());
        assertTrue(last.body().contains("việc xác nhận tạm ngưng"), last.body());
    }

    @Test
    void shouldSayPlainlyThatARequestHasExpired() {
        Dossier dossier = onePdf();
        moveIntoThePast("expires_at", dossier);
        HttpResponse<String> page = new PageClient(kyso.url("")).get(dossier.path());
        assertTrue(page.body().contains("Yêu cầu đã hết hạn"), page.body());
        assertFalse(page.body().contains("id=\"otp\""), "nothing left to confirm");
        assertEquals("EXPIRED", kyso.get("/api/v1/signing-requests/" + dossier.id()).string("status"));
    }

    @Test
    void shouldOfferANewCodeWhenTheCodeHasExpired() {
        Dossier dossier = onePdf();
        PageClient browser = new PageClient(kyso.url(""));
        browser.get(dossier.path());
        String code = kyso.latestCode(dossier.phone());
        moveIntoThePast("otp_expires_at", dossier);
        HttpResponse<String> answer = browser.post(dossier.path() + "/confirmation",
                browser.formWith("/confirmation", List.of(entry("otp", code))));
        assertEquals(410, answer.statusCode());
        assertTrue(answer.body().contains("Mã xác nhận đã hết hạn") && answer.body().contains("id=\"resend-button\""));
    }

    /** Sets a request's time column to a minute ago, as if that time had passed. */
    private static void moveIntoThePast(String column, Dossier dossier) {
        kyso.context().getBean(io.kyso.signer.persistence.Database.class).inTransaction(c -> {
            try (java.sql.PreparedStatement update = c.prepareStatement(
                    "UPDATE signing_request SET " + column + " = ? WHERE id = ?")) {
                update.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1));
                update.setObject(2, java.util.UUID.fromString(dossier.id()));
                return update.executeUpdate();
            }
        });
    }

    @Test
    void shouldEscapeThePortalsTextInThePage() {
        Dossier dossier = newDossier("<script>alert(1)</script> & \"hồ sơ\"", List.of(pdf("<b>x</b>.pdf", TestPdfs.small())));
        String html = new PageClient(kyso.url("")).get(dossier.path()).body();
        assertFalse(html.contains("<script>alert(1)"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hồ sơ&quot;"));
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;.pdf"));
    }

    @Test
    void shouldAnswerAnUnknownLinkWithAPageNotAStackTrace() {
        HttpResponse<String> page = new PageClient(kyso.url("")).get("/c/" + "A".repeat(43));
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("Liên kết không hợp lệ"));
    }

    @Test
    void shouldLogNeitherTheLinkTokenNorTheCode() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            Dossier dossier = onePdf();
            String token = dossier.path().substring(3);
            PageClient browser = new PageClient(kyso.url(""));
            browser.get(dossier.path());
            String code = kyso.latestCode(dossier.phone());
            browser.post(dossier.path() + "/confirmation", browser.formWith("/confirmation", List.of(entry("otp", wrong(code)))));
            browser.post(dossier.path() + "/nowhere", List.of());
            browser.get(dossier.path());
            browser.post(dossier.path() + "/confirmation", browser.formWith("/confirmation", List.of(entry("otp", code))));
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertFalse(line.contains(token), "token logged: " + line);
                assertFalse(line.contains(code), "code logged: " + line);
            }
        } finally {
            root.detachAppender(captured);
        }
    }
}
