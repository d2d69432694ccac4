package io.kyso.client;

import io.kyso.client.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload of a dossier: a JSON part with the metadata, then one part per document, in order. */
class MultipartUploadTest {
    private final TestClients.RecordingSleeper sleeper = new TestClients.RecordingSleeper();

    @Test
    void shouldSendTheMetadataFirstThenEachDocumentInOrder(@TempDir Path dir) throws IOException {
        byte[] pdf = new byte[300_000];
        new Random(1).nextBytes(pdf);
        Path file = Files.write(dir.resolve("giấy đề nghị.pdf"), pdf);
        byte[] xml = "<to-khai>Hộ kinh doanh</to-khai>".getBytes(StandardCharsets.UTF_8);
        NewSigningRequest request = NewSigningRequest.builder(Answers.CITIZEN_ID, "Hồ sơ đăng ký hộ kinh doanh")
                .document(DocumentUpload.of(file), DocumentOptions.builder().reason("Đề nghị").location("Hà Nội")
                        .visibleSignature(DocumentOptions.VisibleSignature.onPage(1, DocumentOptions.Corner.TOP_LEFT))
                        .build())
                .document(DocumentUpload.ofBytes("to-khai.xml", "application/xml", xml),
                        DocumentOptions.builder().xmlPackaging(DocumentOptions.XmlPackaging.DETACHED).build())
                .callbackUrl(URI.create("https://portal.example.vn/kyso/events"))
                .build();
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(201, Answers.signingRequest("AWAITING_CONFIRMATION"));
            TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests().create(request);

            FakeKyso.Received sent = kyso.received().get(0);
            assertEquals("/api/v1/signing-requests", sent.path());
            assertNotNull(sent.header("Content-Length"), "files only: a known length, not chunked");
            List<Part> parts = parse(sent.header("Content-Type"), sent.body());
            assertEquals(3, parts.size());
            assertEquals("request", parts.get(0).name());
            assertEquals(Map.of(
                    "citizenId", Answers.CITIZEN_ID.toString(),
                    "title", "Hồ sơ đăng ký hộ kinh doanh",
                    "callbackUrl", "https://portal.example.vn/kyso/events",
                    "documents", List.of(
                            Map.of("name", "giấy đề nghị.pdf", "contentType", "application/pdf",
                                    "options", Map.of("reason", "Đề nghị", "location", "Hà Nội",
                                            "visibleSignature", Map.of("page", 1L, "position", "TOP_LEFT"))),
                            Map.of("name", "to-khai.xml", "contentType", "application/xml",
                                    "options", Map.of("xmlPackaging", "DETACHED")))),
                    Json.parse(new String(parts.get(0).content(), StandardCharsets.UTF_8)));
            assertEquals("document", parts.get(1).name());
            assertArrayEquals(pdf, parts.get(1).content());
            assertTrue(parts.get(1).head().contains("Content-Type: application/pdf"));
            assertTrue(parts.get(1).head().contains("filename=\"gi_y____ngh_.pdf\""), parts.get(1).head());
            assertArrayEquals(xml, parts.get(2).content());
        }
    }

    @Test
    void shouldStreamContentOfUnknownLengthChunked() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(201, Answers.signingRequest("AWAITING_CONFIRMATION"));
            byte[] content = "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII);
            TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests().create(
                    RetryAndIdempotencyTest.newRequest(DocumentUpload.ofStream("a.pdf", "application/pdf",
                            () -> new ByteArrayInputStream(content))));
            FakeKyso.Received sent = kyso.received().get(0);
            assertNull(sent.header("Content-Length"));
            assertArrayEquals(content, parse(sent.header("Content-Type"), sent.body()).get(1).content());
        }
    }

    @Test
    void shouldKeepPartFilenamesToSafeAscii() {
        assertEquals("ho-so_2025.pdf", Multipart.asciiFilename("ho-so 2025.pdf", 0));
        assertEquals("document-3", Multipart.asciiFilename("\"..\"", 2));
    }

    record Part(String name, String head, byte[] content) {
    }

    /** A minimal multipart/form-data reader for the test's eyes only. */
    static List<Part> parse(String contentType, byte[] body) {
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9);
        byte[] delimiter = ("\r\n" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[body.length + 2];
        padded[0] = '\r';
        padded[1] = '\n';
        System.arraycopy(body, 0, padded, 2, body.length);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(padded, delimiter, 0);
        while (true) {
            int start = at + delimiter.length;
            if (padded[start] == '-' && padded[start + 1] == '-') {
                return parts;
            }
            int headEnd = indexOf(padded, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            String head = new String(padded, start + 2, headEnd - start - 2, StandardCharsets.UTF_8);
            int next = indexOf(padded, delimiter, headEnd + 4);
            String name = head.replaceAll("(?s).*?; name=\"([^\"]*)\".*", "$1");
            parts.add(new Part(name, head, Arrays.copyOfRange(padded, headEnd + 4, next)));
            at = next;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
