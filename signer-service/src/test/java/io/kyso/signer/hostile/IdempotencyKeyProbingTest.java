package io.kyso.signer.hostile;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A dishonest portal, with only its API key, tries to learn a citizen's code, or to sign without
 * it, by playing with Idempotency-Key: guessing under one key so that guesses are not counted,
 * reading whether a guess was right from the way a reused key is refused, or replaying an answer
 * stored for another portal. A reused key answers every other body the same 422 and counts nothing;
 * guesses under fresh keys are counted and lock the request; keys are each portal's own.
 */
@KysoService
class IdempotencyKeyProbingTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private record Dossier(String path, String phone, String id) {
    }

    private static Dossier newDossier() {
        int n = CITIZENS.incrementAndGet();
        String phone = String.format("+849010007%02d", 50 + n);
        Object citizen = kyso.enroll("Đinh Bộ Lĩnh", String.format("0790990007%02d", 50 + n), phone, null).get("id");
        String id = kyso.createRequest(citizen, "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
        return new Dossier("/api/v1/signing-requests/" + id + "/confirmation", phone, id);
    }

    private static ApiResponse guess(Dossier dossier, String code, String key) {
        return kyso.post(dossier.path(), Map.of("otp", code), KysoTestService.API_KEY, Map.of("Idempotency-Key", key));
    }

    private static String other(String code, int by) {
        return String.format("%06d", (Integer.parseInt(code) + by) % 1_000_000);
    }

    private static ApiResponse state(Dossier dossier) {
        return kyso.get("/api/v1/signing-requests/" + dossier.id());
    }

    @Test
    void shouldAnswerEveryOtherGuessUnderAReusedKeyAlikeAndCountNone() {
        Dossier dossier = newDossier();
        String code = kyso.latestCode(dossier.phone());
        String key = UUID.randomUUID().toString();
        ApiResponse first = guess(dossier, other(code, 1), key);
        assertEquals("otp.invalid", first.code(), first::toString);

        ApiResponse right = guess(dossier, code, key);
        ApiResponse wrong = guess(dossier, other(code, 2), key);
        assertEquals(422, right.status(), right::toString);
        assertEquals("idempotency.key_reused", right.code());
        assertArrayEquals(wrong.body(), right.body(), "a right and a wrong code are refused alike");
        ApiResponse now = state(dossier);
        assertEquals("AWAITING_CONFIRMATION", now.string("status"), "nothing was signed");
        assertEquals(4, ((Number) now.map().get("attemptsLeft")).intValue(), "one guess counted, the first");

        ApiResponse signed = guess(dossier, code, UUID.randomUUID().toString());
        assertEquals("SIGNED", signed.string("status"), "the citizen's own confirmation still works");
    }

    @Test
    void shouldCountGuessesUnderFreshKeysAndLockTheRequest() {
        Dossier dossier = newDossier();
        String code = kyso.latestCode(dossier.phone());
        String firstKey = UUID.randomUUID().toString();
        ApiResponse firstGuess = guess(dossier, other(code, 1), firstKey);
        for (int i = 2; i <= 5; i++) {
            guess(dossier, other(code, i), UUID.randomUUID().toString());
        }
        ApiResponse locked = guess(dossier, code, UUID.randomUUID().toString());
        assertEquals(423, locked.status(), locked::toString);
        assertEquals("request.locked", locked.code());
        ApiResponse replayed = guess(dossier, other(code, 1), firstKey);
        assertEquals(firstGuess.text(), replayed.text(), "a replay is the first answer, not a new try");
        assertEquals("LOCKED", state(dossier).string("status"));
        assertEquals(0, DatabaseProbe.auditEntries(kyso, "DOCUMENT_SIGNED", UUID.fromString(dossier.id())));
    }

    @Test
    void shouldNeverReplayAnotherPortalsAnswer() {
        Dossier dossier = newDossier();
        String key = UUID.randomUUID().toString();
        ApiResponse signed = guess(dossier, kyso.latestCode(dossier.phone()), key);
        assertEquals("SIGNED", signed.string("status"), signed::toString);

        ApiResponse theirs = kyso.post(dossier.path(), Map.of("otp", "000000"), KysoTestService.OTHER_API_KEY,
                Map.of("Idempotency-Key", key));
        assertEquals(404, theirs.status(), theirs::toString);
        assertEquals("request.not_found", theirs.code());
        assertNotEquals(signed.text(), theirs.text());
    }
}
