package io.kyso.signer.signing.pades;

import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.KeySigner;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDate;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.Pkcs11HsmToken;
import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.signing.DocumentOptions.Corner;
import io.kyso.signer.signing.DocumentOptions.Rect;
import io.kyso.signer.signing.DocumentOptions.VisibleSignature;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.verification.InputFile;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.Verifier;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.ReportJson;
import io.kyso.verification.report.Verdict;
import io.kyso.signer.testing.IndependentValidators.DssVerdict;
import io.kyso.signer.testing.PdfProbe;
import io.kyso.signer.testing.PdfProbe.SignatureField;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Visible PAdES signatures made by {@link PadesSigner} with keys in SoftHSM2: the Vietnamese text
 * read back exactly from the appearance, the box drawn where it was asked for (checked on pages
 * rendered by poppler), and the signatures, including one made before Kyso's, valid for EU DSS and pdfsig.
 */
class VisiblePadesSignatureTest {
    private static final String REASON = "Ký hồ sơ: Đăng ký hộ kinh doanh";
    private static final String LOCATION = "Đà Nẵng";
    private static final DateTimeFormatter VIETNAM_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private static HsmToken token;
    private static PadesSigner pades;
    private static KeySigner keys;
    private static TestPki.Ca kysoCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTokenAndPki() {
        token = Pkcs11HsmToken.open(SoftHsm.freshToken());
        pades = new PadesSigner();
        keys = new KeySigner(token);
        kysoCa = TestPki.Ca.create("Kyso Test CA");
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Nguyễn Thị Hồng Nhung", "Đặng Quốc Việt"})
    void shouldShowSignerDateReasonAndLocationAsExtractableUnicode(String fullName) throws Exception {
        Instant signingTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] signed = sign(TestPdfs.withPages(1, "Giay de nghi"), citizen(fullName),
                signingContext(signingTime, REASON, options(LOCATION, new VisibleSignature(null, null, null))));

        List<String> expected = List.of("Ký bởi: " + fullName,
                "Ngày ký: " + VIETNAM_TIME.format(signingTime) + " (GMT+7)", "Lý do: " + REASON, "Nơi ký: " + LOCATION);
        assertEquals(expected, PdfProbe.appearanceLines(signed, "Kyso-"), "iText's extraction");
        String poppler = IndependentValidators.pdftotext(signed, 1);
        assertTrue(poppler.contains(String.join("\n", expected)), () -> "poppler's extraction:\n" + poppler);
        SignatureField field = PdfProbe.signatureField(signed, "Kyso-");
        assertEquals(signingTime, PdfDate.decode(field.date()).toInstant(), "/M is the instant shown");
        assertEquals(REASON, field.reason());
        assertEquals(LOCATION, field.location());
    }

    @Test
    void shouldComposeCombiningMarksBeforeRendering() throws Exception {
        String decomposed = Normalizer.normalize("Nguyễn Thị Hồng Nhung", Normalizer.Form.NFD);
        String location = Normalizer.normalize(LOCATION, Normalizer.Form.NFD);
        byte[] signed = sign(TestPdfs.small(), citizen(decomposed), context(location, null, null, null));

        List<String> lines = PdfProbe.appearanceLines(signed, "Kyso-");
        assertEquals("Ký bởi: Nguyễn Thị Hồng Nhung", lines.get(0));
        assertEquals("Nơi ký: Đà Nẵng", lines.get(3));
        assertEquals("Đà Nẵng", PdfProbe.signatureField(signed, "Kyso-").location(), "/Location composed too");
    }

    @Test
    void shouldDrawTheBoxInsideItsRectangleAndNowhereElse() throws Exception {
        byte[] signed = sign(TestPdfs.withPages(2, "Giay de nghi"), citizen("Nguyễn Thị Hồng Nhung"),
                context(LOCATION, null, null, null));

        SignatureField field = PdfProbe.signatureField(signed, "Kyso-");
        BufferedImage page = IndependentValidators.renderPage(signed, 2);
        ImageIO.write(page, "png", Path.of("target", "visible-signature.png").toFile());
        Files.write(Path.of("target", "visible-signature.pdf"), signed);
        assertDrawnOnlyIn(page, field.rect());
    }

    @Test
    void shouldValidateAsPadesBaselineBWithDssAndPdfsig() throws Exception {
        byte[] signed = sign(TestPdfs.withPages(3, "Giay de nghi"), citizen("Đặng Quốc Việt"),
                context(LOCATION, 1, Corner.TOP_LEFT, null));

        IndependentValidators.assertPadesBaselineBValid(signed, kysoCa.certificate(), crl());
        IndependentValidators.assertPdfsigValid(signed);
    }

    @Test
    void shouldPlaceTheSignatureOnTheRequestedPage() throws Exception {
        byte[] signed = sign(TestPdfs.withPages(3, "Giay de nghi"), citizen("Đặng Quốc Việt"),
                context(null, 1, null, null));

        SignatureField field = PdfProbe.signatureField(signed, "Kyso-");
        assertEquals(1, field.page());
        assertDrawnOnlyIn(IndependentValidators.renderPage(signed, 1), field.rect());
        assertEquals(0, nonWhite(IndependentValidators.renderPage(signed, 3), field.rect()), "nothing on page 3");
    }

    @Test
    void shouldPlaceTheSignatureOnTheLastPageByDefault() throws Exception {
        byte[] signed = sign(TestPdfs.withPages(3, "Giay de nghi"), citizen("Đặng Quốc Việt"),
                context(null, null, null, null));

        assertEquals(3, PdfProbe.signatureField(signed, "Kyso-").page());
    }

    /** Intake refuses such a page; should one get through, the signature still goes on the document. */
    @Test
    void shouldPlaceTheSignatureOnTheLastPageWhenTheRequestedPageIsBeyondTheDocument() throws Exception {
        byte[] signed = sign(TestPdfs.withPages(3, "Giay de nghi"), citizen("Đặng Quốc Việt"),
                context(null, 7, null, null));

        assertEquals(3, PdfProbe.signatureField(signed, "Kyso-").page());
    }

    @Test
    void shouldPlaceTheSignatureAtAnExplicitRectangle() throws Exception {
        Rect rect = new Rect(100, 400, 300, 90);
        byte[] signed = sign(blankPage(), citizen("Nguyễn Thị Hồng Nhung"), context(LOCATION, null, Corner.TOP_LEFT, rect));

        SignatureField field = PdfProbe.signatureField(signed, "Kyso-");
        assertRect(new Rectangle(100, 400, 300, 90), field.rect());
        assertDrawnOnlyIn(IndependentValidators.renderPage(signed, 1), field.rect());
    }

    @ParameterizedTest
    @EnumSource(Corner.class)
    void shouldPlaceTheSignatureInEachCorner(Corner corner) throws Exception {
        byte[] signed = sign(blankPage(), citizen("Nguyễn Thị Hồng Nhung"), context(LOCATION, null, corner, null));

        SignatureField field = PdfProbe.signatureField(signed, "Kyso-");
        assertRect(expectedCorner(corner, PageSize.A4.getWidth(), PageSize.A4.getHeight()), field.rect());
        assertDrawnOnlyIn(IndependentValidators.renderPage(signed, 1), field.rect());
    }

    /** A landscape page stored as a turned portrait one, cropped: the corner is the one the reader sees. */
    @Test
    void shouldPlaceTheCornerAsSeenOnARotatedCroppedPage() throws Exception {
        byte[] rotated = rotatedAndCropped(TestPdfs.withPages(1, "Giay de nghi"), 90, new Rectangle(20, 30, 555, 782));
        byte[] signed = sign(rotated, citizen("Nguyễn Thị Hồng Nhung"), context(LOCATION, null, null, null));

        BufferedImage page = IndependentValidators.renderPage(signed, 1);
        ImageIO.write(page, "png", Path.of("target", "visible-signature-rotated.png").toFile());
        assertEquals(782, page.getWidth(), "the rendered page is the CropBox, turned");
        assertDrawnOnlyIn(page, expectedCorner(Corner.BOTTOM_RIGHT, 782, 555));
        assertEquals("Ký bởi: Nguyễn Thị Hồng Nhung", PdfProbe.appearanceLines(signed, "Kyso-").get(0));
        IndependentValidators.assertPdfsigValid(signed);
    }

    @Test
    void shouldShrinkAndWrapALongReasonToStayInsideTheBox() throws Exception {
        String reason = "Ký hồ sơ: " + "Đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh ".repeat(3).strip();
        byte[] signed = sign(TestPdfs.withPages(1, "Giay de nghi"), citizen("Nguyễn Thị Hồng Nhung"),
                signingContext(Instant.now(), reason, options(LOCATION, new VisibleSignature(null, null, null))));

        List<String> lines = PdfProbe.appearanceLines(signed, "Kyso-");
        assertTrue(lines.size() > 4, "wrapped: " + lines);
        assertTrue(String.join(" ", lines).contains("Lý do: " + reason), "all of the reason is shown: " + lines);
        assertTrue(String.join(" ", lines).endsWith("Nơi ký: " + LOCATION), lines::toString);
        assertDrawnOnlyIn(IndependentValidators.renderPage(signed, 1),
                PdfProbe.signatureField(signed, "Kyso-").rect());
    }

    /** Intake sets the smallest box; at signing time a shortened text is better than no signature. */
    @Test
    void shouldKeepTheLinesThatFitWhenTheBoxIsTooSmallForItsText() throws Exception {
        byte[] signed = sign(blankPage(), citizen("Nguyễn Thị Hồng Nhung"),
                context(LOCATION, null, null, new Rect(100, 100, 120, 20)));

        List<String> lines = PdfProbe.appearanceLines(signed, "Kyso-");
        assertEquals(2, lines.size(), lines::toString);
        assertEquals("Ký bởi: Nguyễn Thị Hồng Nhung", lines.get(0));
        assertTrue(lines.get(1).endsWith("…"), lines::toString);
        assertDrawnOnlyIn(IndependentValidators.renderPage(signed, 1), new Rectangle(100, 100, 120, 20));
        IndependentValidators.assertPdfsigValid(signed);
    }

    @Test
    void shouldStayInvisibleWithoutAVisibleSignatureOption() throws Exception {
        byte[] signed = sign(TestPdfs.small(), citizen("Đặng Quốc Việt"),
                signingContext(Instant.now(), REASON, DocumentOptions.DEFAULT));

        Rectangle rect = PdfProbe.signatureField(signed, "Kyso-").rect();
        assertEquals(0, rect.getWidth() * rect.getHeight());
        IndependentValidators.assertPdfsigValid(signed);
    }

    @Test
    void shouldKeepAnEarlierSignatureValidWhenKysoSignsAfterIt() throws Exception {
        TestPki.Ca officerCa = TestPki.Ca.create("Sở Kế hoạch và Đầu tư Test CA");
        TestPki.SoftwareSigner officer = officerCa.softwareSigner("Cán bộ Trần Văn Bình");
        byte[] countersigned = officer.signPdf(TestPdfs.withPages(2, "Giay de nghi"), "Officer");

        byte[] signed = sign(countersigned, citizen("Nguyễn Thị Hồng Nhung"), context(LOCATION, null, null, null));

        assertEquals(List.of("Officer", PdfProbe.signatureField(signed, "Kyso-").name()),
                PdfProbe.signatureNames(signed));
        DssVerdict verdict = IndependentValidators.validatePdfWithDss(signed,
                List.of(kysoCa.certificate(), officerCa.certificate()), crl(), officerCa.crl(Instant.now()));
        assertEquals(2, verdict.signatures().size(), verdict::summary);
        IndependentValidators.assertPadesBaselineBValid(signed, List.of(kysoCa.certificate(), officerCa.certificate()),
                crl(), officerCa.crl(Instant.now()));
        assertEquals(2, IndependentValidators.pdfsig(signed).signatures());
        IndependentValidators.assertPdfsigValid(signed);
        // Kyso's own engine refuses visual changes after signing: a later visible signature is not one
        Path file = Files.write(dir.resolve("countersigned.pdf"), signed);
        DossierReport report = new Verifier(() -> new TrustMaterial(List.of(kysoCa.certificate(), officerCa.certificate()),
                List.of(crl(), officerCa.crl(Instant.now()))), Clock.systemUTC())
                .verify(List.of(new InputFile("countersigned.pdf", file))).report();
        assertEquals(Verdict.VALID, report.verdict(), () -> new String(ReportJson.write(report)));
        assertFalse(report.files().get(0).signatures().get(0).pdfChanges().changedAfterSigning());
    }

    private byte[] sign(byte[] pdf, SignerIdentity signer, SigningContext context) throws Exception {
        Path input = Files.write(dir.resolve(UUID.randomUUID() + ".pdf"), pdf);
        Path output = dir.resolve(UUID.randomUUID() + "-signed.pdf");
        pades.sign(input, output, signer, context, keys);
        return Files.readAllBytes(output);
    }

    private static SignerIdentity citizen(String fullName) {
        String alias = "citizen-" + UUID.randomUUID();
        KeyEntry key = token.generate(alias, KeySpec.EC_P256, kysoCa.issuing(fullName));
        return new SignerIdentity(alias, key.spec(), fullName, key.chain());
    }

    private static SigningContext context(String location, Integer page, Corner corner, Rect rect) {
        return signingContext(Instant.now(), REASON, options(location, new VisibleSignature(page, corner, rect)));
    }

    /** The one place that knows the record's shape. */
    private static SigningContext signingContext(Instant signingTime, String reason, DocumentOptions options) {
        return new SigningContext(signingTime, reason, options, "de-nghi.pdf", "application/pdf",
                SignatureLevel.B_B, Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static DocumentOptions options(String location, VisibleSignature visible) {
        return new DocumentOptions(null, location, visible, null, SignatureLevel.B_B, null);
    }

    /** Made after the citizens' certificates, as DSS's default policy wants (thisUpdate ≥ notBefore). */
    private static byte[] crl() {
        return kysoCa.crl(Instant.now());
    }

    /** An empty A4 page, so that any ink on the rendering is the signature's. */
    private static byte[] blankPage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument doc = new PdfDocument(new PdfWriter(out))) {
            doc.addNewPage(PageSize.A4);
        }
        return out.toByteArray();
    }

    private static Rectangle expectedCorner(Corner corner, float pageWidth, float pageHeight) {
        boolean right = corner == Corner.BOTTOM_RIGHT || corner == Corner.TOP_RIGHT;
        boolean top = corner == Corner.TOP_RIGHT || corner == Corner.TOP_LEFT;
        return new Rectangle(right ? pageWidth - 36 - 220 : 36, top ? pageHeight - 36 - 70 : 36, 220, 70);
    }

    /** Ink well inside the rectangle, none in a ring just around it nor in the opposite half of the page. */
    private static void assertDrawnOnlyIn(BufferedImage page, Rectangle rect) {
        Rectangle interior = new Rectangle(rect.getX() + 3, rect.getY() + 3, rect.getWidth() - 6, rect.getHeight() - 6);
        assertTrue(nonWhite(page, interior) > 300, "text inside " + describe(rect));
        Rectangle around = new Rectangle(rect.getX() - 8, rect.getY() - 8, rect.getWidth() + 16, rect.getHeight() + 16);
        Rectangle box = new Rectangle(rect.getX() - 2, rect.getY() - 2, rect.getWidth() + 4, rect.getHeight() + 4);
        assertEquals(nonWhite(page, box), nonWhite(page, around), "nothing drawn just outside " + describe(rect));
        boolean rightHalf = rect.getX() > page.getWidth() / 2f;
        Rectangle mirror = new Rectangle(rightHalf ? 0 : page.getWidth() / 2f, 0, page.getWidth() / 2f, 200);
        if (rect.getY() < 200) {
            assertEquals(0, nonWhite(page, mirror), "nothing in the other bottom corner");
        }
    }

    private static String describe(Rectangle r) {
        return "[x=" + r.getX() + " y=" + r.getY() + " w=" + r.getWidth() + " h=" + r.getHeight() + "]";
    }

    private static int nonWhite(BufferedImage page, Rectangle r) {
        return PdfProbe.nonWhitePixels(page, r.getX(), r.getY(), r.getWidth(), r.getHeight());
    }

    private static void assertRect(Rectangle expected, Rectangle actual) {
        assertTrue(expected.equalsWithEpsilon(actual), () -> "expected " + describe(expected) + ", was " + describe(actual));
    }


    private static byte[] rotatedAndCropped(byte[] pdf, int rotation, Rectangle cropBox) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument doc = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)), new PdfWriter(out))) {
            doc.getPage(1).setRotation(rotation).setCropBox(cropBox);
        }
        return out.toByteArray();
    }
}
