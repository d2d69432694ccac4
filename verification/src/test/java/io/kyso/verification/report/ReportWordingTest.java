package io.kyso.verification.report;

import io.kyso.verification.report.CertificateRevocation.Datum;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWordingTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final Function<Instant, String> ISO = DateTimeFormatter.ISO_INSTANT::format;

    @Test
    void shouldSayEveryStatementInVietnameseAndEnglish() throws IOException {
        Properties english = load("messages.properties");
        Properties vietnamese = load("messages_vi.properties");

        assertEquals(english.keySet(), vietnamese.keySet());
        for (Object key : english.keySet()) {
            String code = (String) key;
            List<String> args = List.of("a", "b", "c");
            for (Properties language : List.of(english, vietnamese)) {
                // MessageFormat drops a lone apostrophe and everything up to the next one
                assertTrue(!language.getProperty(code).replace("''", "").contains("'"), code + ": write '' for '");
            }
            assertTrue(!Messages.format(code, args, Locale.ENGLISH).isBlank());
            assertTrue(!Messages.format(code, args, Messages.VIETNAMESE).isBlank());
        }
    }

    @Test
    void shouldRenderStoredFindingInEitherLanguage() {
        Finding finding = Finding.of("signature.visual_change", "1, 3");

        assertEquals("The signed content is intact, but the document was changed after signing: page 1, 3 now looks"
                + " different from what was signed.", finding.text());
        assertEquals("Nội dung đã ký còn nguyên vẹn, nhưng tài liệu đã bị thay đổi sau khi ký: trang 1, 3 hiển thị khác"
                + " với khi ký.", finding.text(Messages.VIETNAMESE));
    }

    @Test
    void shouldSayTimestampsInEitherLanguageAndKeepUnknownTypesByName() {
        TimestampReport archive = new TimestampReport("T-2", "ARCHIVE_TIMESTAMP", AT, "CN=TSA", Verdict.VALID, "PASSED", null,
                true, new TimestampReport.Covers(true, false, List.of("T-1"), 0, 2, null));
        TimestampReport future = new TimestampReport("T-3", "SOME_NEW_TIMESTAMP", AT, null, Verdict.INDETERMINATE, null, null,
                false, new TimestampReport.Covers(false, false, List.of(), 0, 0, null));

        assertEquals("archive timestamp, 2026-01-02T03:04:05Z, by CN=TSA; covers the signature, 1 earlier timestamp(s),"
                + " 2 revocation data \u2014 VALID", LongTermText.timestamp(archive, Locale.ENGLISH, ISO));
        assertEquals("dấu thời gian lưu trữ, 2026-01-02T03:04:05Z, do CN=TSA cấp; bao phủ chữ ký, 1 dấu thời gian trước đó,"
                + " 2 dữ liệu thu hồi \u2014 HỢP LỆ", LongTermText.timestamp(archive, Messages.VIETNAMESE, ISO));
        assertEquals("SOME_NEW_TIMESTAMP, 2026-01-02T03:04:05Z, by an unknown authority; covers nothing DSS can name"
                + " \u2014 NOT CONFIRMED", LongTermText.timestamp(future, Locale.ENGLISH, ISO));
    }

    @Test
    void shouldSayWhereRevocationDataCameFrom() {
        CertificateRevocation embedded = new CertificateRevocation("CN=A", "1f", RevocationSource.EMBEDDED, List.of(
                new Datum("OCSP", RevocationSource.EMBEDDED, List.of("DSS_DICTIONARY"), null, "GOOD", AT, true)));
        CertificateRevocation fetched = new CertificateRevocation("CN=A", "1f", RevocationSource.FETCHED, List.of(
                new Datum("CRL", RevocationSource.FETCHED, List.of(), "http://crl.example/ca.crl", "REVOKED", AT, true)));
        CertificateRevocation none = new CertificateRevocation("CN=A", "1f", RevocationSource.NONE, List.of());

        assertEquals("embedded in the signed file (the PDF's DSS dictionary): OCSP response issued 2026-01-02T03:04:05Z,"
                + " not revoked", LongTermText.revocation(embedded, Locale.ENGLISH, ISO));
        assertEquals("tải trực tuyến từ http://crl.example/ca.crl: CRL phát hành lúc 2026-01-02T03:04:05Z, bị thu hồi",
                LongTermText.revocation(fetched, Messages.VIETNAMESE, ISO));
        assertEquals("none: no CRL or OCSP response for this certificate", LongTermText.revocation(none, Locale.ENGLISH, ISO));
    }

    @Test
    void shouldRecognisePdfAndXmlByContentNotName() {
        assertEquals(FileKind.PDF, FileKind.of("junk\n%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(FileKind.XML, FileKind.of("\uFEFF  <?xml version='1.0'?><a/>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileKind.XML, FileKind.of("\uFEFF<a/>".getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(FileKind.XML, FileKind.of("<a/>".getBytes(StandardCharsets.UTF_16BE)));
        assertEquals(FileKind.OTHER, FileKind.of("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(FileKind.OTHER, FileKind.of(new byte[0]));
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/io/kyso/verification/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
