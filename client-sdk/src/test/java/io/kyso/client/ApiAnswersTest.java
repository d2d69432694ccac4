package io.kyso.client;

import io.kyso.client.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How Kyso's answers and problems become records and exceptions, and what the SDK sends. */
class ApiAnswersTest {
    private final TestClients.RecordingSleeper sleeper = new TestClients.RecordingSleeper();

    @Test
    void shouldSendTheEnrollmentAsJsonWithTheApiKeyAndReadTheCitizen() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(201, """
                    {"id":"%s","nationalId":"001099012345","fullName":"Nguyễn Thị Hồng Nhung","phone":"+84912345678",
                     "keyAlgorithm":"RSA_2048","certificate":"-----BEGIN CERTIFICATE-----","createdAt":"2025-03-01T08:00:00Z"}"""
                    .formatted(Answers.CITIZEN_ID));
            Citizen citizen = TestClients.client(TestClients.config(kyso.url()).build(), sleeper).citizens().enroll(
                    EnrollCitizen.of("001099012345", "Nguyễn Thị Hồng Nhung", "+84912345678")
                            .withKeyAlgorithm(KeyAlgorithm.RSA_2048));

            assertEquals(Answers.CITIZEN_ID, citizen.id());
            assertEquals(KeyAlgorithm.RSA_2048, citizen.keyAlgorithm());
            assertNull(citizen.email());
            FakeKyso.Received sent = kyso.received().get(0);
            assertEquals("/api/v1/citizens", sent.path());
            assertEquals("Bearer " + TestClients.API_KEY, sent.header("Authorization"));
            assertEquals("application/json", sent.header("Content-Type"));
            assertEquals(Map.of("nationalId", "001099012345", "fullName", "Nguyễn Thị Hồng Nhung", "phone",
                    "+84912345678", "keyAlgorithm", "RSA_2048"), Json.parse(sent.text()));
        }
    }

    @Test
    void shouldReadASigningRequestIgnoringMembersItDoesNotKnow() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(200, Answers.signingRequest("SIGNED"));
            SigningRequest r = TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .get(Answers.REQUEST_ID);
            assertEquals(RequestStatus.SIGNED, r.status());
            assertTrue(r.isFinal());
            assertEquals(Instant.parse("2025-03-01T08:05:00.123Z"), r.completedAt());
            SigningRequest.Document doc = r.documents().get(0);
            assertEquals("giấy đề nghị.pdf", doc.name());
            assertEquals(DocumentOptions.Corner.BOTTOM_RIGHT, doc.options().visibleSignature().position());
            assertEquals("cd".repeat(32), doc.signedSha256());
            assertEquals("/api/v1/signing-requests/" + Answers.REQUEST_ID, kyso.received().get(0).path());
        }
    }

    @Test
    void shouldCarryTheProblemsCodeAndAttemptsLeft() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(400, Answers.problem(400, "otp.invalid", ",\"attemptsLeft\":3"));
            KysoApiException e = assertThrows(KysoApiException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).signingRequests().confirm(Answers.REQUEST_ID, "000000"));
            assertEquals(400, e.status());
            assertEquals("otp.invalid", e.code());
            assertEquals(3, e.attemptsLeft().orElseThrow());
            assertEquals(Map.of("otp", "000000"), Json.parse(kyso.received().get(0).text()));
        }
    }

    @Test
    void shouldNameTheRefusedDocument() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(400, Answers.problem(400, "document.encrypted", ",\"document\":{\"index\":1,\"name\":\"b.pdf\"}"));
            KysoApiException e = assertThrows(KysoApiException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).signingRequests().create(RetryAndIdempotencyTest
                    .newRequest(io.kyso.client.DocumentUpload.ofBytes("b.pdf", "application/pdf", new byte[] {1}))));
            assertEquals(1, e.document().orElseThrow().index());
            assertEquals("b.pdf", e.document().orElseThrow().name());
        }
    }

    @Test
    void shouldReportAnErrorPageThatIsNotKysosWithoutACode() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(new FakeKyso.Answer(404, "text/html", "<html>nginx</html>".getBytes(), Map.of()));
            KysoApiException e = assertThrows(KysoApiException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).citizens().get(Answers.CITIZEN_ID));
            assertEquals(404, e.status());
            assertEquals("", e.code());
            assertNull(e.problem().code());
            assertTrue(!e.getMessage().contains("nginx"), "the page is not echoed");
        }
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotJson() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(new FakeKyso.Answer(200, "application/json", "{oops".getBytes(), Map.of()));
            KysoException e = assertThrows(KysoException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).citizens().get(Answers.CITIZEN_ID));
            assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        }
    }

    @Test
    void shouldNeverPutTheApiKeyInAnExceptionMessage() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(401, Answers.problem(401, "auth.invalid_api_key", ""));
            KysoApiException e = assertThrows(KysoApiException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).citizens().get(Answers.CITIZEN_ID));
            assertTrue(!e.getMessage().contains(TestClients.API_KEY));
        }
    }
}
