package io.kyso.signer.verification;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService.Part;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.OfflineVerifier;
import io.kyso.signer.testing.SignedDossier;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.ReportJson;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/v1/verifications}: a dossier Kyso signed verifies VALID in the JSON, the page and the
 * PDF report; the ETSI report is served; bad input gets a report or a problem, never a 500.
 */
@KysoService(properties = "kyso.verification.max-upload-bytes=" + VerificationApiTest.LIMIT)
class VerificationApiTest {
    static final long LIMIT = 3_000_000;
    private static KysoTestService kyso;
    private static SignedDossier dossier;
    private static ApiResponse verified;

    @BeforeAll
    static void signAndVerify() {
        dossier = SignedDossier.sign(kyso, "001099012345", "+84912000501");
        verified = kyso.postMultipart("/api/v1/verifications", dossier.files());
    }

    @Test
    void shouldVerifyDossierSignedByKysoAsValid() {
        assertEquals(201, verified.status(), verified::toString);
        Map<String, Object> report = verified.map();
        assertEquals("VALID", report.get("verdict"), verified::toString);
        assertEquals(3, ((Number) report.get("signatures")).intValue());
        assertEquals(3, ((Number) report.get("valid")).intValue());
        List<Map<String, Object>> files = files(verified);
        assertEquals(List.of("SIGNED", "SIGNED", "SIGNED", "DETACHED_CONTENT"),
                files.stream().map(f -> f.get("status")).toList());
        assertEquals(List.of("PAdES-BASELINE-LT", "XAdES-BASELINE-LT", "XAdES-BASELINE-LT"),
                files.subList(0, 3).stream().map(f -> signature(f).get("format")).toList());
        Map<String, Object> pdfSignature = signature(files.get(0));
        assertEquals("VALID", pdfSignature.get("result"));
        assertEquals("TOTAL_PASSED", pdfSignature.get("indication"));
        assertEquals(Map.of("name", "Nguyễn Thị Hồng Nhung", "nationalId", "001099012345"),
                Map.of("name", signer(pdfSignature).get("name"), "nationalId", signer(pdfSignature).get("nationalId")));
        assertTrue(signer(pdfSignature).get("issuer").toString().contains("Kyso Development Issuing CA"));
        assertEquals(true, pdfSignature.get("intact"));
        assertEquals("GOOD", ((Map<?, ?>) pdfSignature.get("revocation")).get("status"));
        // DSS relies on the freshest it has: the OCSP answer the B-LT signature carries, or the service's own CRL
        assertTrue(List.of("EMBEDDED", "CONFIGURED").contains(((Map<?, ?>) pdfSignature.get("revocation")).get("source")),
                pdfSignature::toString);
        assertEquals("LT", pdfSignature.get("level"));
        assertEquals(false, report.get("online"), "the service never fetches");
        assertTrue(((Map<?, ?>) pdfSignature.get("chain")).get("trustAnchor").toString().contains("Kyso Development Root CA"));
        assertEquals(false, ((Map<?, ?>) pdfSignature.get("pdfChanges")).get("changedAfterSigning"));
        assertEquals(List.of(SignedDossier.DETACHED_ORIGINAL),
                ((Map<?, ?>) signature(files.get(2)).get("coverage")).get("detachedFiles"));
        assertEquals(2, ((Number) files.get(3).get("coveredBy")).intValue());
    }

    @Test
    void shouldShowGreenVerdictOnPageInVietnameseAndEnglish() {
        ApiResponse vietnamese = kyso.get(link("html"));
        ApiResponse english = kyso.get(link("html") + "?lang=en");

        assertEquals(200, vietnamese.status(), vietnamese::toString);
        assertTrue(vietnamese.contentType().startsWith("text/html"));
        String vi = vietnamese.text();
        assertTrue(vi.indexOf("class=\"verdict VALID\"") < vi.indexOf("giay-de-nghi"), "the verdict comes first");
        assertTrue(vi.contains("<strong>HỢP LỆ</strong>"), vi);
        assertTrue(vi.contains("Nguyễn Thị Hồng Nhung") && vi.contains("001099012345"));
        assertTrue(english.text().contains("<strong>VALID</strong>"), english.text());
        assertTrue(english.text().contains("Citizen ID (CCCD)"));
    }

    @Test
    void shouldServeReportAsPdfAnOfficerCanFile() throws Exception {
        ApiResponse pdf = kyso.get(link("pdf"));

        assertEquals(200, pdf.status(), pdf::toString);
        assertEquals("application/pdf", pdf.contentType());
        try (PdfDocument doc = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf.body())))) {
            String first = PdfTextExtractor.getTextFromPage(doc.getPage(1));
            assertTrue(first.contains("HỢP LỆ"), first);
            assertTrue(first.indexOf("HỢP LỆ") < first.indexOf("giay-de-nghi"), first);
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                all.append(PdfTextExtractor.getTextFromPage(doc.getPage(i)));
            }
            assertTrue(all.toString().contains("Nguyễn Thị Hồng Nhung"), all::toString);
        }
    }

    @Test
    void shouldServeEtsiValidationReportOfEachFile() {
        ApiResponse etsi = kyso.get(files(verified).get(0).get("etsiReport").toString());

        assertEquals(200, etsi.status(), etsi::toString);
        assertTrue(etsi.contentType().startsWith("application/xml"));
        assertTrue(etsi.text().contains("ValidationReport") && etsi.text().contains("urn:etsi:019102:mainindication:total-passed"));
        assertEquals("verification.file_not_found", kyso.get(link("self") + "/files/9/etsi-report").code());
    }

    @Test
    void shouldHideOnePortalsVerificationFromAnother() {
        ApiResponse other = kyso.get(link("self"), KysoTestService.OTHER_API_KEY);
        ApiResponse otherPage = kyso.get(link("html"), KysoTestService.OTHER_API_KEY);

        assertEquals(404, other.status());
        assertEquals("verification.not_found", other.code());
        assertEquals(404, otherPage.status());
        assertEquals(200, kyso.get(link("self")).status());
    }

    @Test
    void shouldReportUnsignedFileAsNoSignature() {
        ApiResponse answer = kyso.postMultipart("/api/v1/verifications", List.of(new Part("don.pdf", TestPdfs.small())));

        assertEquals(201, answer.status(), answer::toString);
        assertEquals("INVALID", answer.map().get("verdict"));
        Map<String, Object> file = files(answer).get(0);
        assertEquals("NO_SIGNATURE", file.get("status"));
        assertEquals("No signature found in this file.", ((Map<?, ?>) file.get("reason")).get("text"));
    }

    @Test
    void shouldRefuseFileThatIsNeitherPdfNorXmlNamingIt() {
        ApiResponse answer = kyso.postMultipart("/api/v1/verifications", List.of(dossier.files().get(0),
                new Part("anh-chup.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})));

        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"));
        assertEquals("verification.unsupported_file", answer.code());
        assertEquals(Map.of("index", 1, "name", "anh-chup.png"), answer.map().get("document"));
    }

    @Test
    void shouldRefuseHugeUploadWithTheLimit() {
        List<Part> huge = List.of(new Part("lon.pdf", new byte[(int) LIMIT + 1]));

        for (ApiResponse answer : List.of(kyso.postMultipart("/api/v1/verifications", huge),
                kyso.postMultipartChunked("/api/v1/verifications", huge))) {
            assertEquals(413, answer.status(), answer::toString);
            assertTrue(answer.contentType().startsWith("application/problem+json"));
            assertEquals("request.too_large", answer.code());
            assertEquals(LIMIT, ((Number) answer.map().get("limitBytes")).longValue());
        }
    }

    @Test
    void shouldGiveTheSameVerdictsOfflineWithKysoVerify(@TempDir Path dir) throws Exception {
        List<String> args = OfflineVerifier.trustOf(kyso, dir);
        for (Part file : dossier.files()) {
            args.add(Files.write(dir.resolve(file.fileName()), file.content()).toString());
        }

        OfflineVerifier.Result text = OfflineVerifier.run(args.toArray(String[]::new));
        args.add(0, "--json");
        OfflineVerifier.Result json = OfflineVerifier.run(args.toArray(String[]::new));

        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().startsWith("DOSSIER VALID"), text::toString);
        assertTrue(text.out().contains("SIGNATURE 1: VALID PAdES-BASELINE-LT, Nguyễn Thị Hồng Nhung, CCCD 001099012345"),
                text::toString);
        DossierReport offline = ReportJson.read(json.out().getBytes(StandardCharsets.UTF_8));
        assertEquals(files(verified).stream().map(f -> f.get("verdict")).toList(),
                offline.files().stream().map(f -> f.verdict().name()).toList());
    }

    @Test
    void shouldAuditEveryVerification() {
        String id = verified.string("id");
        kyso.context().getBean(io.kyso.signer.audit.AuditLog.class).flush(); // chained entries only
        List<String> details = kyso.context().getBean(Database.class).read(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT detail FROM audit_event WHERE event_type = 'VERIFICATION_RUN' AND portal_id = 'dev-portal'");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });

        assertTrue(details.stream().anyMatch(d -> d.contains(id) && d.contains("VALID")), details::toString);
    }

    private static String link(String name) {
        return ((Map<?, ?>) verified.map().get("links")).get(name).toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> files(ApiResponse response) {
        return (List<Map<String, Object>>) response.map().get("files");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> signature(Map<String, Object> file) {
        List<Map<String, Object>> signatures = (List<Map<String, Object>>) file.get("signatures");
        assertEquals(1, signatures.size(), file::toString);
        return signatures.get(0);
    }

    private static Map<?, ?> signer(Map<String, Object> signature) {
        return (Map<?, ?>) signature.get("signer");
    }
}
