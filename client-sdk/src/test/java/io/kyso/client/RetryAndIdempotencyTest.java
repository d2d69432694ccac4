package io.kyso.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures the SDK retries, how long it pauses, and that every attempt of a POST carries the same key. */
class RetryAndIdempotencyTest {
    private final TestClients.RecordingSleeper sleeper = new TestClients.RecordingSleeper();

    @Test
    void shouldRetryA503WithTheSameIdempotencyKeyUntilKysoAnswers() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(503, Answers.problem(503, "hsm.unavailable", ""))
                    .answer(503, Answers.problem(503, "hsm.unavailable", ""))
                    .answer(200, Answers.signingRequest("SIGNED"));
            SigningRequest signed = TestClients.client(TestClients.config(kyso.url()).build(), sleeper)
                    .signingRequests().confirm(Answers.REQUEST_ID, "123456");

            assertEquals("SIGNED", signed.status().name());
            List<FakeKyso.Received> attempts = kyso.received();
            assertEquals(3, attempts.size());
            Set<String> keys = attempts.stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet());
            assertEquals(1, keys.size(), "one key for every attempt");
            assertNotNull(keys.iterator().next());
            assertEquals(2, sleeper.pauses.size());
        }
    }

    @Test
    void shouldUseANewKeyForEachLogicalCall() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(200, Answers.signingRequest("AWAITING_CONFIRMATION"));
            var requests = TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests();
            requests.resendCode(Answers.REQUEST_ID);
            requests.resendCode(Answers.REQUEST_ID);
            List<FakeKyso.Received> calls = kyso.received();
            assertTrue(!calls.get(0).header("Idempotency-Key").equals(calls.get(1).header("Idempotency-Key")));
        }
    }

    @Test
    void shouldPauseAtLeastAsLongAsKysoAsksWithinTheConfiguredMaximum() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(503, Answers.problem(503, "database.unavailable", ",\"retryAfterSeconds\":1"))
                    .answer(FakeKyso.Answer.json(503, Answers.problem(503, "hsm.unavailable", ""))
                            .withHeader("Retry-After", "30"))
                    .answer(200, Answers.signingRequest("SIGNED"));
            TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .confirm(Answers.REQUEST_ID, "123456");
            assertTrue(sleeper.pauses.get(0).compareTo(Duration.ofSeconds(1)) >= 0, sleeper.pauses::toString);
            assertEquals(Duration.ofSeconds(2), sleeper.pauses.get(1), "30 s asked, 2 s configured at most");
        }
    }

    @Test
    void shouldRetryWhileTheSameCallIsStillInProgressOnTheServer() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(409, Answers.problem(409, "idempotency.in_progress", ""))
                    .answer(201, Answers.signingRequest("AWAITING_CONFIRMATION"));
            SigningRequest created = TestClients.client(TestClients.config(kyso.url()).build(), sleeper)
                    .signingRequests().create(newRequest(DocumentUpload.ofBytes("a.pdf", "application/pdf", new byte[] {1})));
            assertEquals(Answers.REQUEST_ID, created.id());
            assertEquals(2, kyso.received().size());
        }
    }

    @Test
    void shouldNotRetryAnAnswerThatIsTheClientsFault() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(409, Answers.problem(409, "request.already_confirmed", ""));
            KysoApiException e = assertThrows(KysoApiException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).signingRequests().confirm(Answers.REQUEST_ID, "1"));
            assertEquals("request.already_confirmed", e.code());
            assertEquals(1, kyso.received().size());
            assertTrue(sleeper.pauses.isEmpty());
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithKysosAnswer() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(503, Answers.problem(503, "hsm.unavailable", ""));
            KysoApiException e = assertThrows(KysoApiException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).maxAttempts(3).build(), sleeper).signingRequests().get(Answers.REQUEST_ID));
            assertEquals(503, e.status());
            assertEquals("hsm.unavailable", e.code());
            assertEquals(3, kyso.received().size());
            assertEquals(2, sleeper.pauses.size());
        }
    }

    @Test
    void shouldRetryARefusedConnectionAndReportTheAttempts() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        URI nobody = closed;
        KysoConnectionException e = assertThrows(KysoConnectionException.class, () -> TestClients.client(
                TestClients.config(nobody).build(), sleeper).citizens().get(Answers.CITIZEN_ID));
        assertEquals(4, e.attempts());
        assertEquals(3, sleeper.pauses.size());
        assertTrue(sleeper.pauses.get(2).compareTo(sleeper.pauses.get(0)) > 0, "pauses grow: " + sleeper.pauses);
    }

    @Test
    void shouldResendAPostWhoseAnswerWasLostWithTheSameKey() throws IOException {
        try (DroppingServer server = new DroppingServer(2, Answers.signingRequest("REJECTED"))) {
            SigningRequest rejected = TestClients.client(TestClients.config(server.url()).build(), sleeper)
                    .signingRequests().reject(Answers.REQUEST_ID);
            assertEquals("REJECTED", rejected.status().name());
            List<String> keys = server.heads().stream().map(RetryAndIdempotencyTest::idempotencyKey).toList();
            assertEquals(3, keys.size());
            assertEquals(1, Set.copyOf(keys).size(), keys::toString);
        }
    }

    @Test
    void shouldNotRetryACallWhoseDocumentIsAOneShotStream() throws IOException {
        try (DroppingServer server = new DroppingServer(1, Answers.signingRequest("AWAITING_CONFIRMATION"))) {
            DocumentUpload once = DocumentUpload.ofStream("a.pdf", "application/pdf", new ByteArrayInputStream(new byte[] {1}));
            assertThrows(KysoConnectionException.class, () -> TestClients.client(
                    TestClients.config(server.url()).build(), sleeper).signingRequests().create(newRequest(once)));
            assertEquals(1, server.heads().size());
        }
    }

    @Test
    void shouldHonourACallersOwnIdempotencyKey() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(201, Answers.signingRequest("AWAITING_CONFIRMATION"));
            NewSigningRequest request = NewSigningRequest.builder(Answers.CITIZEN_ID, "Hồ sơ")
                    .document(DocumentUpload.ofBytes("a.pdf", "application/pdf", new byte[] {1}))
                    .idempotencyKey("dossier-2025-000123").build();
            TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests().create(request);
            assertEquals("dossier-2025-000123", kyso.received().get(0).header("Idempotency-Key"));
        }
    }

    static NewSigningRequest newRequest(DocumentUpload document) {
        return NewSigningRequest.builder(Answers.CITIZEN_ID, "Hồ sơ").document(document).build();
    }

    private static String idempotencyKey(String head) {
        return head.lines().filter(l -> l.toLowerCase().startsWith("idempotency-key:"))
                .map(l -> l.substring(16).strip()).findFirst().orElse(null);
    }
}
