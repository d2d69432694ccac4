package io.kyso.signer.verification;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import io.kyso.verification.InputFile;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.Verifier;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.Messages;
import io.kyso.verification.testing.LongTermSigner;
import io.kyso.verification.testing.RevocationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report page and the report PDF of a PAdES-BASELINE-LTA signature (made by EU DSS against an in-test
 * PKI and TSA): both show the level, each timestamp with its type, time and authority, the proof of
 * existence and where the revocation data came from, in Vietnamese and in English.
 */
class LongTermReportRenderingTest {
    private static final UUID ID = UUID.randomUUID();
    private static RevocationServer server;
    private static DossierReport report;
    private static List<Instant> timestamps;

    @BeforeAll
    static void signAndVerify() throws Exception {
        server = RevocationServer.start();
        LongTermSigner.Signed signed = new LongTermSigner(server).pades(SignatureLevel.PAdES_BASELINE_LTA);
        timestamps = signed.timestamps();
        Path file = Files.createTempFile("lta", ".pdf");
        try {
            Files.write(file, signed.content());
            TrustMaterial trust = new TrustMaterial(List.of(server.pki().root().certificate()), List.of());
            report = new Verifier(() -> trust, Clock.systemUTC()).verify(List.of(new InputFile("don.pdf", file))).report();
        } finally {
            Files.delete(file);
        }
        assertEquals(2, timestamps.size(), "a signature timestamp and a document timestamp");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldShowLevelTimestampsAndRevocationSourceOnThePageInVietnamese() {
        String page = ReportHtml.render(ID, report, Messages.VIETNAMESE);

        assertVietnamese(page);
        assertTrue(page.contains("<th>Dữ liệu thu hồi của CN=Kyso Test Issuing CA,O=Kyso Test,C=VN</th><td>nhúng trong"
                + " tệp đã ký (từ điển DSS của tệp PDF): CRL phát hành lúc "), page);
        assertTrue(page.contains("<th>Dấu thời gian 1</th><td>dấu thời gian chữ ký, " + ReportLines.time(timestamps.get(0))
                + ", do CN=Kyso Test TSA,O=Kyso Test,C=VN cấp; bao phủ chữ ký"), page);
    }

    @Test
    void shouldShowLevelTimestampsAndRevocationSourceOnThePageInEnglish() {
        String page = ReportHtml.render(ID, report, Locale.ENGLISH);

        assertTrue(page.contains("<th>Level</th><td>LTA: long-term, with an archive timestamp</td>"), page);
        assertTrue(page.contains("<th>Timestamp 1</th><td>signature timestamp, " + ReportLines.time(timestamps.get(0))
                + ", by CN=Kyso Test TSA,O=Kyso Test,C=VN; covers the signature"), page);
        assertTrue(page.contains("<th>Timestamp 2</th><td>document timestamp, " + ReportLines.time(timestamps.get(1))), page);
        assertTrue(page.contains("<th>Proven to exist at</th><td>" + ReportLines.time(timestamps.get(0)) + ", by a timestamp"),
                page);
        assertTrue(page.contains("<th>Revocation data</th><td>embedded in the signed file (the PDF&#39;s DSS dictionary):"
                + " OCSP response issued "), page);
        assertTrue(page.contains("<th>Revocation data of CN=Kyso Test Issuing CA,O=Kyso Test,C=VN</th><td>embedded in the"
                + " signed file (the PDF&#39;s DSS dictionary): CRL issued "), page);
        assertTrue(page.contains("<th>Network</th><td>nothing was fetched"), page);
    }

    @Test
    void shouldPrintTheSameInThePdfReport() throws Exception {
        byte[] pdf = ReportPdf.render(ID, report, Messages.VIETNAMESE);

        StringBuilder text = new StringBuilder();
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                text.append(PdfTextExtractor.getTextFromPage(document.getPage(i))).append('\n');
            }
        }
        assertVietnamese(text.toString().replaceAll("\\s+", " "));
    }

    /** What the page and the PDF both say, words apart from layout (a long label wraps across the PDF's lines). */
    private static void assertVietnamese(String said) {
        for (String expected : List.of("HỢP LỆ", "Cấp độ", "LTA: dài hạn, có dấu thời gian lưu trữ",
                "Được chứng minh tồn tại lúc", ReportLines.time(timestamps.get(0)) + ", theo dấu thời gian",
                "dấu thời gian tài liệu, " + ReportLines.time(timestamps.get(1)), "bao phủ chữ ký, nội dung đã ký, 1 dấu thời gian trước đó",
                "Dữ liệu thu hồi", "nhúng trong tệp đã ký (từ điển DSS của tệp PDF): phản hồi OCSP phát hành lúc",
                "CRL phát hành lúc", "không tải gì")) {
            assertTrue(said.contains(expected), () -> "missing '" + expected + "' in " + said);
        }
    }
}
