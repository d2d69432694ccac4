package io.kyso.verification.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWordingTest {

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
