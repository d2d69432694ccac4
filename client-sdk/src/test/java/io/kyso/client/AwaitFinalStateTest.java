package io.kyso.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Polling for the outcome: growing pauses, bounded by the maximum and by the deadline. */
class AwaitFinalStateTest {
    private final TestClients.RecordingSleeper sleeper = new TestClients.RecordingSleeper();

    @Test
    void shouldPollWithGrowingPausesUntilTheRequestIsFinal() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            for (int i = 0; i < 4; i++) {
                kyso.answer(200, Answers.signingRequest("AWAITING_CONFIRMATION"));
            }
            kyso.answer(200, Answers.signingRequest("SIGNED"));
            SigningRequest done = TestClients.client(TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .awaitFinalState(Answers.REQUEST_ID, Duration.ofMinutes(1));
            assertEquals(RequestStatus.SIGNED, done.status());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4)),
                    sleeper.pauses);
        }
    }

    @Test
    void shouldGiveUpAtTheDeadlineWithTheLastStateSeen() throws IOException {
        try (FakeKyso kyso = new FakeKyso()) {
            kyso.answer(200, Answers.signingRequest("AWAITING_CONFIRMATION"));
            KysoTimeoutException e = assertThrows(KysoTimeoutException.class, () -> TestClients.client(
                    TestClients.config(kyso.url()).build(), sleeper).signingRequests()
                    .awaitFinalState(Answers.REQUEST_ID, Duration.ofSeconds(10)));
            assertEquals(RequestStatus.AWAITING_CONFIRMATION, e.lastSeen().status());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(3)),
                    sleeper.pauses, "the last pause ends at the deadline");
        }
    }
}
