package io.kyso.signer.signing;

import io.kyso.signer.signing.pades.PadesDossierSigningTest;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.IndependentValidators.DssVerdict;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every level for EC and RSA citizens, PDF and XML, through the API with Kyso's own timestamping
 * authority and OCSP responder: EU DSS says TOTAL_PASSED at exactly the level asked
 * ({@code PAdES-BASELINE-LTA}, …), pdfsig finds the signatures valid and shows a B-LTA file's
 * document timestamp, xmlsec1 verifies the XML signatures, RSASSA-PSS is used where asked, the
 * request shows each document's level and the audit names format and level; a changed byte fails.
 */
class LongTermLevelsTest {
    private static final List<String> LEVELS = List.of("B-B", "B-T", "B-LT", "B-LTA");
    private static final String UNIT = "Kyso Development Timestamping Unit";
    private static KysoTestService kyso;
    private static final Map<String, Signed> SIGNED = new LinkedHashMap<>();

    /** A document as signed: its request, what the request view says of it, and the file. */
    private record Signed(String requestId, Map<?, ?> view, byte[] content) {
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void signEveryLevel() {
        kyso = KysoTestService.start(Map.of());
        sign("EC_P256", "079099000701", "+84901000701", List.of());
        sign("RSA_2048", "079099000702", "+84901000702", List.of(
                withOptions(pdf("pss.pdf", TestPdfs.small()), Map.of("level", "B-LT", "rsaPadding", "PSS")),
                withOptions(xml("pss.xml"), Map.of("level", "B-LT", "rsaPadding", "PSS"))));
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    private static void sign(String key, String nationalId, String phone, List<Map<String, Object>> more) {
        Map<String, Object> citizen = kyso.enroll("Trần Văn Long", nationalId, phone, key);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String level : LEVELS) {
            documents.add(withOptions(pdf(level + ".pdf", TestPdfs.small()), Map.of("level", level)));
            documents.add(withOptions(xml(level + ".xml"), Map.of("level", level)));
        }
        documents.addAll(more);
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ lưu trữ dài hạn", documents);
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode(phone)));
        assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        for (Object d : (List<?>) confirmed.map().get("documents")) {
            Map<?, ?> view = (Map<?, ?>) d;
            byte[] content = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + view.get("id") + "/signed").body();
            SIGNED.put(key + "/" + view.get("name"), new Signed(id, view, content));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC_P256", "RSA_2048"})
    void shouldSignPdfsAtExactlyTheLevelAskedAsDssSees(String key) {
        for (String level : LEVELS) {
            Signed signed = SIGNED.get(key + "/" + level + ".pdf");
            DssVerdict verdict = IndependentValidators.validatePdfWithDss(signed.content(), List.of(kyso.rootCertificate()),
                    kyso.crl(), kyso.rootCrl());
            IndependentValidators.assertDssPasses(verdict, "PAdES-BASELINE-" + level.substring(2));
            assertEquals(level, signed.view().get("level"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC_P256", "RSA_2048"})
    void shouldSignXmlAtExactlyTheLevelAskedAsDssAndXmlsec1See(String key) throws IOException {
        for (String level : LEVELS) {
            Signed signed = SIGNED.get(key + "/" + level + ".xml");
            Path file = Files.write(dir.resolve(key + "-" + level + ".xml"), signed.content());
            IndependentValidators.assertDssPasses(IndependentValidators.validateXmlWithDss(file, List.of(),
                    kyso.rootCertificate(), kyso.crl(), kyso.rootCrl()), "XAdES-BASELINE-" + level.substring(2));
            IndependentValidators.assertXmlsec1Valid(file, kyso.rootCertificate());
            assertEquals(level, signed.view().get("level"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC_P256", "RSA_2048"})
    void shouldShowEverySignatureValidInPdfsigAndTheDocumentTimestampOfBLta(String key) {
        for (String level : List.of("B-B", "B-T", "B-LT")) {
            IndependentValidators.assertPdfsigValid(SIGNED.get(key + "/" + level + ".pdf").content());
        }
        IndependentValidators.assertPdfsigShowsDocumentTimestamps(SIGNED.get(key + "/B-LTA.pdf").content(), 1, UNIT);
    }

    @Test
    void shouldCarryATimestampFromB_TOnAndValidationDataFromB_LTOn() {
        for (String level : LEVELS) {
            String report = IndependentValidators.validatePdfWithDss(SIGNED.get("EC_P256/" + level + ".pdf").content(),
                    List.of(kyso.rootCertificate()), kyso.crl(), kyso.rootCrl()).simpleReportXml();
            int timestamps = report.split("<Timestamp ", -1).length - 1;
            assertEquals(switch (level) {
                case "B-B" -> 0;
                case "B-T", "B-LT" -> 1;
                default -> 2;
            }, timestamps, report);
            assertTrue(timestamps == 0 || report.contains("<ProducedBy>" + UNIT + "</ProducedBy>"), report);
        }
    }

    @Test
    void shouldSignWithRsaPssWhereThePortalAsks() throws Exception {
        byte[] pdf = SIGNED.get("RSA_2048/pss.pdf").content();
        IndependentValidators.assertPadesValid(pdf, "PAdES-BASELINE-LT", kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        SignerInformation signer = cmsOf(pdf).getSignerInfos().getSigners().iterator().next();
        assertEquals("1.2.840.113549.1.1.10", signer.getEncryptionAlgOID(), "RSASSA-PSS in the CMS");
        assertEquals("1.2.840.113549.1.1.11", cmsOf(SIGNED.get("RSA_2048/B-LT.pdf").content()).getSignerInfos()
                .getSigners().iterator().next().getEncryptionAlgOID(), "sha256WithRSAEncryption (PKCS#1 v1.5) unless asked");

        byte[] xml = SIGNED.get("RSA_2048/pss.xml").content();
        Path file = Files.write(dir.resolve("pss.xml"), xml);
        IndependentValidators.assertDssPasses(IndependentValidators.validateXmlWithDss(file, List.of(),
                kyso.rootCertificate(), kyso.crl(), kyso.rootCrl()), "XAdES-BASELINE-LT");
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains(
                "Algorithm=\"http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1\""));
    }

    @Test
    void shouldAuditEachSignatureWithItsFormatAndLevel() {
        List<String> details = new ArrayList<>();
        for (String name : List.of("EC_P256/B-B.pdf", "EC_P256/B-T.xml", "EC_P256/B-LT.pdf", "EC_P256/B-LTA.xml")) {
            details.add(detailOfSigning(SIGNED.get(name)));
        }
        assertEquals(List.of("PAdES-BASELINE-B", "XAdES-BASELINE-T", "PAdES-BASELINE-LT", "XAdES-BASELINE-LTA"), details);
    }

    @Test
    void shouldFailACopyChangedAfterSigning() throws IOException {
        for (String level : List.of("B-LT", "B-LTA")) {
            byte[] pdf = PadesDossierSigningTest.changeInsideSignedRange(SIGNED.get("EC_P256/" + level + ".pdf").content());
            IndependentValidators.assertDssRejects(pdf, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
            IndependentValidators.assertPdfsigInvalid(pdf);

            String xml = new String(SIGNED.get("EC_P256/" + level + ".xml").content(), StandardCharsets.UTF_8);
            Path changed = Files.writeString(dir.resolve("changed-" + level + ".xml"),
                    xml.replace("<hoTen>Trần Văn Long</hoTen>", "<hoTen>Trần Văn Lòng</hoTen>"));
            IndependentValidators.assertDssFails(IndependentValidators.validateXmlWithDss(changed, List.of(),
                    kyso.rootCertificate(), kyso.crl(), kyso.rootCrl()));
        }
    }

    /** The detail of the document's DOCUMENT_SIGNED entry, as the portal reads its audit entries. */
    private static String detailOfSigning(Signed signed) {
        String documentId = signed.view().get("id").toString();
        ApiResponse events = kyso.get("/api/v1/audit/events?requestId=" + signed.requestId());
        List<?> entries = (List<?>) events.map().get("entries");
        return entries.stream().map(e -> (Map<?, ?>) e).filter(e -> "DOCUMENT_SIGNED".equals(e.get("type"))
                        && documentId.equals(String.valueOf(e.get("documentId"))))
                .map(e -> String.valueOf(e.get("detail"))).findFirst().orElseThrow(() -> new AssertionError(events));
    }

    private static CMSSignedData cmsOf(byte[] pdf) throws Exception {
        try (com.itextpdf.kernel.pdf.PdfDocument doc = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
            com.itextpdf.signatures.SignatureUtil util = new com.itextpdf.signatures.SignatureUtil(doc);
            String name = util.getSignatureNames().get(0);
            return new CMSSignedData(util.getSignature(name).getContents().getValueBytes());
        }
    }

    private static Map<String, Object> xml(String name) {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ToKhai><hoTen>Trần Văn Long</hoTen></ToKhai>\n";
        return Map.of("name", name, "contentType", "application/xml",
                "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> withOptions(Map<String, Object> document, Map<String, Object> options) {
        Map<String, Object> with = new HashMap<>(document);
        with.put("options", options);
        return with;
    }
}
