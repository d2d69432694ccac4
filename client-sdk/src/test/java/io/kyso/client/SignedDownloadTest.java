package io.kyso.client;

import io.kyso.client.json.Fields;
import io.kyso.client.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Signed documents land on disk whole, under Kyso's name, inside the target folder, matching their digest. */
class SignedDownloadTest {
    private static final byte[] SIGNED = "%PDF-1.7 signed".getBytes(StandardCharsets.US_ASCII);
    private final TestClients.RecordingSleeper sleeper = new TestClients.RecordingSleeper();

    @Test
    void shouldSaveEachSignedDocumentUnderTheNameKysoGivesIt(@TempDir Path dir) throws Exception {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(file("attachment; filename=\"giy-de-nghi-signed.pdf\"; filename*=utf-8''gi%E1%BA%A5y%20%C4%91%E1%BB%81%20ngh%E1%BB%8B-signed.pdf"));
            List<Path> files = TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .downloadSignedDocuments(signedRequest(sha256(SIGNED)), dir.resolve("ho-so"));
            assertEquals(List.of(dir.resolve("ho-so").resolve("giấy đề nghị-signed.pdf")), files);
            assertArrayEquals(SIGNED, Files.readAllBytes(files.get(0)));
            assertEquals("/api/v1/signing-requests/" + Answers.REQUEST_ID + "/documents/" + Answers.DOCUMENT_ID + "/signed",
                    kyso.received().get(0).path());
        }
    }

    @Test
    void shouldNeverWriteOutsideTheTargetFolder(@TempDir Path dir) throws Exception {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(file("attachment; filename=\"../../etc/passwd\""));
            List<Path> files = TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .downloadSignedDocuments(signedRequest(sha256(SIGNED)), dir);
            assertEquals(dir.resolve("passwd"), files.get(0));
        }
    }

    @Test
    void shouldKeepNoFileWhoseDigestDiffersFromKysos(@TempDir Path dir) throws Exception {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(file("attachment; filename=\"a-signed.pdf\""));
            assertThrows(KysoIntegrityException.class, () -> TestClients.client(TestClients.config(kyso.url()).build(),
                    sleeper).signingRequests().downloadSignedDocuments(signedRequest("00".repeat(32)), dir));
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(0, left.count(), "neither the file nor a temporary one");
            }
        }
    }

    @Test
    void shouldStreamADocumentToTheCallersOutput() throws Exception {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(file("attachment; filename=\"a-signed.pdf\""));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .downloadSigned(Answers.REQUEST_ID, Answers.DOCUMENT_ID, out);
            assertArrayEquals(SIGNED, out.toByteArray());
        }
    }

    @Test
    void shouldGiveDocumentsWithTheSameNameDistinctFiles() {
        java.util.Set<String> used = new java.util.HashSet<>(List.of("a-signed.pdf"));
        assertEquals("2-a-signed.pdf", SignedFiles.uniqueName("a-signed.pdf", used));
        assertEquals("b.pdf", SignedFiles.uniqueName("b.pdf", used));
        assertEquals("fallback", SignedFiles.safe("..", "fallback"));
    }

    private static FakeKyso.Answer file(String disposition) {
        return new FakeKyso.Answer(200, "application/pdf", SIGNED, Map.of("Content-Disposition", disposition));
    }

    private static SigningRequest signedRequest(String signedSha256) {
        SigningRequest r = Models.signingRequest(Fields.of(Json.parse(Answers.signingRequest("SIGNED"))));
        SigningRequest.Document d = r.documents().get(0);
        SigningRequest.Document withDigest = new SigningRequest.Document(d.id(), d.name(), d.contentType(), d.size(),
                d.sha256(), d.pages(), d.options(), d.level(), d.status(), d.signedSize(), signedSha256, d.signedAt(),
                d.signedVersion());
        return new SigningRequest(r.id(), r.citizenId(), r.title(), r.status(), r.reference(), r.createdAt(),
                r.expiresAt(), r.completedAt(), r.confirmationUrl(), r.attemptsLeft(), r.lastError(), List.of(withDigest));
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
