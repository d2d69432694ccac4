package io.kyso.signer.intake;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.testing.AttackCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every document is checked before anything is kept; a refusal names the document and keeps nothing. */
@KysoService(properties = {"kyso.signing.max-document-bytes=200000", "kyso.signing.max-documents=3"})
class DocumentIntakeTest {
    private static KysoTestService kyso;
    private static Object citizenId;

    @BeforeAll
    static void start() {
        citizenId = kyso.enroll("Võ Thị Sáu", "079099000201", "+84901000201", null).get("id");
    }

    private static void assertRefused(int status, String code, int index, List<Map<String, Object>> documents)
            throws IOException {
        long filesBefore = storedFiles();
        ApiResponse answer = kyso.createRequest(citizenId, "Hồ sơ", documents);
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(code, answer.code(), answer::toString);
        if (index >= 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) answer.map().get("document");
            assertEquals(index, ((Number) document.get("index")).intValue());
            assertEquals(documents.get(index).get("name"), document.get("name"));
        }
        assertEquals(filesBefore, storedFiles(), "nothing is kept");
    }

    private static long storedFiles() throws IOException {
        Path documents = kyso.dataDir().resolve("documents");
        try (Stream<Path> files = Files.walk(documents)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotAPdf() throws IOException {
        assertRefused(400, "document.unsupported_type", 1, List.of(pdf("ok.pdf", TestPdfs.small()),
                pdf("note.pdf", "hello".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldRefuseAnEncryptedPdf() throws IOException {
        assertRefused(400, "document.encrypted", 0, List.of(pdf("locked.pdf", TestPdfs.encrypted())));
    }

    @Test
    void shouldRefuseAnEmptyDocument() throws IOException {
        assertRefused(400, "document.missing_content", 0, List.of(pdf("empty.pdf", new byte[0])));
    }

    @Test
    void shouldRefuseADocumentOverTheSizeLimit() throws IOException {
        assertRefused(400, "document.too_large", 2, List.of(pdf("a.pdf", TestPdfs.small()), pdf("b.pdf", TestPdfs.small()),
                pdf("big.pdf", TestPdfs.withPages(2000, "Trang rat dai"))));
    }

    @Test
    void shouldRefuseTooManyDocuments() throws IOException {
        byte[] one = TestPdfs.small();
        assertRefused(400, "request.too_many_documents", -1,
                List.of(pdf("1.pdf", one), pdf("2.pdf", one), pdf("3.pdf", one), pdf("4.pdf", one)));
    }

    @Test
    void shouldRefuseATruncatedPdf() throws IOException {
        byte[] whole = TestPdfs.withPages(3, "Trang");
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        assertRefused(400, "document.malformed", 0, List.of(pdf("cut.pdf", truncated)));
    }

    @Test
    void shouldRefuseAPdfWithDuplicateCatalogs() throws IOException {
        assertRefused(400, "document.ambiguous_structure", 0,
                List.of(pdf("2catalogs.pdf", AttackCorpus.read("pdf-refuse-to-sign/2catalogs.pdf"))));
    }

    @Test
    void shouldRefuseInvalidBase64() throws IOException {
        assertRefused(400, "document.malformed", 0,
                List.of(Map.of("name", "x.pdf", "contentType", "application/pdf", "content", "@@@@")));
    }

    @Test
    void shouldRefuseAVisibleSignatureOnAPageTheDocumentDoesNotHave() throws IOException {
        Map<String, Object> doc = new java.util.HashMap<>(pdf("one-page.pdf", TestPdfs.small()));
        doc.put("options", Map.of("visibleSignature", Map.of("page", 5)));
        assertRefused(400, "document.invalid_options", 0, List.of(doc));
    }

    @Test
    void shouldRefuseAnUnknownCitizen() {
        ApiResponse answer = kyso.createRequest("6f1c2c0e-0000-4000-8000-000000000000", "Hồ sơ",
                List.of(pdf("a.pdf", TestPdfs.small())));
        assertEquals(404, answer.status());
        assertEquals("citizen.not_found", answer.code());
    }

    @Test
    void shouldRefuseMalformedJsonWithAProblem() {
        ApiResponse answer = kyso.post("/api/v1/signing-requests", Map.of("title", "no citizen"));
        assertEquals(400, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType());
        assertEquals("request.malformed", answer.code());
    }
}
