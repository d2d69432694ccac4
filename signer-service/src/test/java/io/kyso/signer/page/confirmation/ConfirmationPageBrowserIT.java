package io.kyso.signer.page.confirmation;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.Authenticator;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PhoneBrowser;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.totp.Totp;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The citizen's side in a real browser: Debian's headless Chromium at a phone's size, driven by
 * Selenium. Every scenario leaves a whole-page screenshot in {@code target/screenshots}.
 */
@KysoService
class ConfirmationPageBrowserIT {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;
    private PhoneBrowser phone;

    @BeforeEach
    void openBrowser() {
        phone = new PhoneBrowser();
    }

    @AfterEach
    void closeBrowser() {
        phone.close();
    }

    private record Dossier(String id, String url, String phone, List<String> documentIds) {
    }

    private static Map<String, Object> newCitizen(String name) {
        int n = CITIZENS.incrementAndGet();
        return kyso.enroll(name, String.format("0790994%05d", n), "+8490600" + String.format("%04d", n), null);
    }

    @SuppressWarnings("unchecked")
    private static Dossier newDossier(Map<String, Object> citizen, String title, List<Map<String, Object>> documents) {
        ApiResponse created = kyso.createRequest(citizen.get("id"), title, documents);
        assertEquals(201, created.status(), created::toString);
        List<String> ids = ((List<Map<String, Object>>) created.map().get("documents")).stream()
                .map(d -> d.get("id").toString()).toList();
        return new Dossier(created.string("id"), kyso.local(created.string("confirmationUrl")), citizen.get("phone").toString(), ids);
    }

    private static Map<String, Object> example(String name, String contentType) throws IOException {
        Path file = repositoryRoot().resolve("docs/examples").resolve(name);
        return Map.of("name", name, "contentType", contentType,
                "content", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
    }

    private static String status(Dossier dossier) {
        return kyso.get("/api/v1/signing-requests/" + dossier.id()).string("status");
    }

    private void enterCodeAndConfirm(String code) {
        phone.find("#otp").sendKeys(code);
        phone.find("#confirm-button").click();
    }

    @Test
    void shouldShowTheDossierWithPreviewsThenRefuseAWrongCodeAndSignWithTheRightOne() throws IOException {
        Dossier dossier = newDossier(newCitizen("Nguyễn Thị Hồng Nhung"), "Hồ sơ đăng ký hộ kinh doanh", List.of(
                example("giay-de-nghi.pdf", "application/pdf"), example("to-khai.xml", "application/xml"),
                pdf("ban-sao-cccd.pdf", TestPdfs.withPages(1, "Ban sao can cuoc cong dan"))));
        phone.open(dossier.url());
        phone.awaitImages();
        String page = phone.find("main").getText();
        assertTrue(page.contains("Hồ sơ đăng ký hộ kinh doanh") && page.contains("Tài liệu cần ký (3)"), page);
        assertTrue(page.contains(kyso.get("/api/v1/signing-requests/" + dossier.id()).string("reference")));
        assertTrue(page.contains("ToKhai"), "the XML's root element is shown: " + page);
        for (WebElement preview : phone.findAll("img.preview")) {
            assertTrue(((Number) phone.script("return arguments[0].naturalWidth;", preview)).intValue() > 0);
        }
        assertEquals(2, phone.findAll("img.preview").size());
        assertEquals("numeric", phone.find("#otp").getAttribute("inputmode"));
        phone.screenshot("01-dossier-vi");

        String code = kyso.latestCode(dossier.phone());
        enterCodeAndConfirm(String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000));
        assertTrue(phone.await("#notice").getText().contains("Bạn còn 4 lần thử"));
        phone.screenshot("02-wrong-code");

        enterCodeAndConfirm(code);
        String result = phone.await("#signed-documents").getText();
        assertTrue(phone.find("#result-title").getText().contains("Đã ký xong"));
        assertTrue(result.contains("giay-de-nghi.pdf") && result.contains("to-khai.xml") && result.contains("ban-sao-cccd.pdf"));
        phone.screenshot("03-signed");
        assertEquals("SIGNED", status(dossier));
    }

    @Test
    void shouldSignOnlyTheDocumentsLeftTicked() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String name : List.of("don-de-nghi.pdf", "hop-dong-thue-nha.pdf", "cam-ket.pdf")) {
            docs.add(pdf(name, TestPdfs.withPages(2, name)));
        }
        Dossier dossier = newDossier(newCitizen("Trần Văn Bình"), "Hồ sơ thuê nhà", docs);
        phone.open(dossier.url());
        phone.find("label[for='approve-" + dossier.documentIds().get(1) + "']").click();
        assertTrue(phone.find("#confirm-button").getText().contains("2/3"), phone.find("#confirm-button").getText());
        phone.awaitImages();
        phone.screenshot("04-one-document-unticked");

        enterCodeAndConfirm(kyso.latestCode(dossier.phone()));
        String signed = phone.await("#signed-documents").getText();
        String rejected = phone.find("#rejected-documents").getText();
        assertTrue(signed.contains("don-de-nghi.pdf") && signed.contains("cam-ket.pdf") && !signed.contains("hop-dong"));
        assertTrue(rejected.contains("hop-dong-thue-nha.pdf"));
        phone.screenshot("05-partially-signed");

        assertEquals("PARTIALLY_SIGNED", status(dossier));
        String base = "/api/v1/signing-requests/" + dossier.id() + "/documents/";
        List<Integer> downloads = dossier.documentIds().stream().map(id -> kyso.get(base + id + "/signed").status()).toList();
        assertEquals(List.of(200, 409, 200), downloads, "exactly two signed outputs");
    }

    @Test
    void shouldSwitchToEnglish() {
        Dossier dossier = newDossier(newCitizen("Lê Thị Thu"), "Hồ sơ xin cấp phép xây dựng",
                List.of(pdf("don.pdf", TestPdfs.small())));
        phone.open(dossier.url());
        phone.find("a.lang").click();
        assertTrue(phone.await("html[lang='en'] #confirm-button").getText().contains("Confirm and sign"));
        phone.awaitImages();
        phone.screenshot("06-dossier-en");
    }

    @Test
    void shouldEnrollAnAuthenticatorAppFromTheQrCodeAndConfirmWithIt() throws Exception {
        Map<String, Object> citizen = newCitizen("Phạm Minh Tuấn");
        ApiResponse link = kyso.post("/api/v1/citizens/" + citizen.get("id") + "/totp-enrollment", null);
        phone.open(kyso.local(link.string("enrollmentUrl")));
        phone.screenshot("07-totp-enrollment");
        Authenticator app = Authenticator.fromUri(decodeQr(phone.picture(phone.find("#qr"))));
        assertEquals("Kyso:" + citizen.get("nationalId"), java.net.URLDecoder.decode(app.label(), "UTF-8"));
        assertEquals(Map.of("issuer", "Kyso", "digits", "6", "period", "30"),
                Map.of("issuer", app.parameters().get("issuer"), "digits", app.parameters().get("digits"),
                        "period", app.parameters().get("period")));
        phone.find("#otp").sendKeys(app.codeAt(Instant.now()));
        phone.find("#activate-button").click();
        assertTrue(phone.await("#result-title").getText().contains("Đã kích hoạt"));
        phone.screenshot("08-totp-active");

        Dossier dossier = newDossier(citizen, "Hồ sơ đăng ký khai sinh", List.of(pdf("to-khai.pdf", TestPdfs.small())));
        phone.open(dossier.url());
        assertTrue(phone.find("label[for='otp']").getText().contains("ứng dụng xác thực"));
        assertTrue(phone.findAll("#resend-button").isEmpty(), "nothing to resend with an app");
        enterCodeAndConfirm(app.codeForStep(Totp.stepAt(Instant.now()) + 1));
        assertTrue(phone.await("#result-title").getText().contains("Đã ký xong"));
        phone.screenshot("09-signed-with-app");
        assertEquals("SIGNED", status(dossier));
    }

    private static String decodeQr(byte[] png) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png)))));
        return new QRCodeReader().decode(bitmap).getText();
    }

    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/examples")) && Files.isDirectory(dir.resolve("hsm-adapter"))) {
                return dir;
            }
        }
        throw new IOException("repository root not found");
    }
}
