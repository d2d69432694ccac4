package io.kyso.signer.verification;

import com.itextpdf.io.font.constants.StandardFonts;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.KysoTestService.Part;
import io.kyso.signer.testing.OfflineVerifier;
import io.kyso.signer.testing.SignedDossier;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.testing.TestPki;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks of our own beside the shared corpus, through the API: a shadow attack on a PDF Kyso signed,
 * a certificate from an unknown CA, a revoked certificate, and an XAdES whose signed reference is
 * not what a reader processes. The service trusts its development CA and, from the configured
 * folders, a second CA ("Sở Tư pháp Test CA") and its CRL.
 */
class VerificationAttacksTest {
    private static TestPki.Ca trustedCa;
    private static KysoTestService kyso;

    @BeforeAll
    static void start() throws Exception {
        trustedCa = TestPki.Ca.create("Sở Tư pháp Test CA");
        Path anchors = Files.createDirectories(Files.createTempDirectory(Path.of("target"), "anchors-"));
        Files.writeString(anchors.resolve("so-tu-phap.pem"), OfflineVerifier.pem(trustedCa.certificate()));
        Path crls = Files.createDirectories(Files.createTempDirectory(Path.of("target"), "crls-"));
        Files.write(crls.resolve("so-tu-phap.crl"), trustedCa.crl(Instant.now()));
        kyso = KysoTestService.start(Map.of("kyso.verification.trust-anchors", anchors.toString(),
                "kyso.verification.crls", crls.toString()));
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    @Test
    void shouldRefuseKysoSignedPdfWhosePageWasRedrawnAfterSigning() {
        SignedDossier dossier = SignedDossier.sign(kyso, "001099012701", "+84912000701");
        byte[] shadowed = redrawPageOne(dossier.file("giay-de-nghi-signed.pdf").content());

        Map<String, Object> signature = onlySignature(verify(new Part("giay-de-nghi-signed.pdf", shadowed)));

        assertEquals(true, signature.get("intact"), "the signed bytes are untouched");
        assertEquals("INVALID", signature.get("result"));
        assertEquals("signature.visual_change", reasonCode(signature));
        Map<?, ?> changes = (Map<?, ?>) signature.get("pdfChanges");
        assertEquals(true, changes.get("changedAfterSigning"));
        assertTrue(((List<?>) changes.get("visualDifferencePages")).contains(1), changes::toString);
    }

    @Test
    void shouldNotTrustSignatureFromUnknownCa() {
        TestPki.SoftwareSigner stranger = TestPki.Ca.create("Unknown CA").softwareSigner("Người lạ");
        TestPki.SoftwareSigner officer = trustedCa.softwareSigner("Cán bộ Trần Văn Bình");

        ApiResponse unknown = verify(new Part("la.pdf", stranger.signPdf(TestPdfs.small(), "Sig")));
        ApiResponse known = verify(new Part("quen.pdf", officer.signPdf(TestPdfs.small(), "Sig")));

        Map<String, Object> signature = onlySignature(unknown);
        assertEquals("INDETERMINATE", unknown.map().get("verdict"));
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", signature.get("subIndication"));
        assertEquals("signature.untrusted", reasonCode(signature));
        assertEquals(false, ((Map<?, ?>) signature.get("chain")).get("trusted"));
        assertEquals("VALID", known.map().get("verdict"), "a CA from kyso.verification.trust-anchors is trusted");
    }

    @Test
    void shouldReportSignatureOfRevokedCertificateAsNotValid() throws Exception {
        // B-B: nothing proves the signature existed before the revocation (a B-LT one stays valid:
        // RevokedAfterSigningTest)
        SignedDossier dossier = SignedDossier.sign(kyso, "001099012702", "+84912000702", "B-B");
        X509Certificate certificate = citizenCertificate(dossier.citizenId());
        kyso.context().getBean(CertificateAuthority.class).revoke(certificate.getSerialNumber(), CRLReason.keyCompromise);

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(kyso.crl()));
        assertNotNull(crl.getRevokedCertificate(certificate.getSerialNumber()), "the CRL lists the revocation");
        ApiResponse answer = verify(dossier.file("giay-de-nghi-signed.pdf"));

        Map<String, Object> signature = onlySignature(answer);
        assertEquals("INDETERMINATE", answer.map().get("verdict"));
        assertEquals("REVOKED_NO_POE", signature.get("subIndication"));
        assertEquals("signature.revoked", reasonCode(signature));
        Map<?, ?> revocation = (Map<?, ?>) signature.get("revocation");
        assertEquals("REVOKED", revocation.get("status"));
        assertEquals("KEY_COMPROMISE", revocation.get("reason"));
    }

    @Test
    void shouldRefuseXadesWhoseSignedElementIsNotWhatAReaderProcesses() {
        byte[] signed = WrappedXades.signPayloadOnly(trustedCa.softwareSigner("Cán bộ Lê Thị Mai"),
                "<HoSo><NoiDung Id=\"payload\"><SoTien>1000000</SoTien></NoiDung></HoSo>");
        // what a reader processes, /HoSo/NoiDung[1], is now an unsigned element put before the signed one
        byte[] wrapped = new String(signed, StandardCharsets.UTF_8)
                .replace("<HoSo>", "<HoSo><NoiDung><SoTien>9000000</SoTien></NoiDung>").getBytes(StandardCharsets.UTF_8);

        Map<String, Object> signature = onlySignature(verify(new Part("ho-so.xml", wrapped)));

        assertEquals(true, signature.get("intact"), "the signed element itself is untouched");
        assertEquals(true, ((Map<?, ?>) signature.get("chain")).get("trusted"));
        assertEquals("INVALID", signature.get("result"));
        assertEquals("signature.partial_coverage", reasonCode(signature));
        assertEquals("PARTIAL", ((Map<?, ?>) signature.get("coverage")).get("type"));
    }

    /** A white box and new text drawn over page 1 in an incremental update: the signed bytes stay intact. */
    private static byte[] redrawPageOne(byte[] signedPdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument doc = new PdfDocument(new PdfReader(new ByteArrayInputStream(signedPdf)), new PdfWriter(out),
                new StampingProperties().useAppendMode())) {
            PdfPage page = doc.getPage(1);
            Rectangle size = page.getPageSize();
            PdfCanvas canvas = new PdfCanvas(page.newContentStreamAfter(), page.getResources(), doc);
            canvas.saveState().setFillColor(ColorConstants.WHITE)
                    .rectangle(0, size.getHeight() - 150, size.getWidth(), 150).fill().restoreState();
            canvas.beginText().setFontAndSize(PdfFontFactory.createFont(StandardFonts.HELVETICA), 16)
                    .moveText(40, size.getHeight() - 90).showText("So tien: 9.000.000 dong").endText();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the shadow update", e);
        }
        return out.toByteArray();
    }

    private static X509Certificate citizenCertificate(String citizenId) throws Exception {
        String pem = kyso.get("/api/v1/citizens/" + citizenId).string("certificate");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static ApiResponse verify(Part... files) {
        ApiResponse answer = kyso.postMultipart("/api/v1/verifications", List.of(files));
        assertEquals(201, answer.status(), answer::toString);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlySignature(ApiResponse answer) {
        List<Map<String, Object>> files = (List<Map<String, Object>>) answer.map().get("files");
        List<Map<String, Object>> signatures = (List<Map<String, Object>>) files.get(0).get("signatures");
        assertEquals(1, signatures.size(), answer::toString);
        return signatures.get(0);
    }

    private static String reasonCode(Map<String, Object> signature) {
        return ((Map<?, ?>) signature.get("reason")).get("code").toString();
    }
}
