package io.kyso.signer.idempotency;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every POST of the API honours Idempotency-Key: one effect per key, whatever reaches the service. */
@KysoService
class IdempotentRequestsTest {
    private static final String REQUESTS = "/api/v1/signing-requests";
    private static KysoTestService kyso;
    private static Object citizenId;

    @BeforeAll
    static void start() {
        citizenId = kyso.enroll("Phan Bội Châu", "079099000701", "+84901000701", null).get("id");
    }

    private static Map<String, Object> dossier(String title) {
        return Map.of("citizenId", citizenId, "title", title, "documents", List.of(pdf("a.pdf", TestPdfs.small())));
    }

    private static ApiResponse post(String path, Object body, String key) {
        return kyso.post(path, body, KysoTestService.API_KEY, Map.of("Idempotency-Key", key));
    }

    private static long requestsTitled(String title) {
        return DatabaseProbe.number(kyso, "SELECT COUNT(*) FROM signing_request WHERE title = ?", title);
    }

    @Test
    void shouldAnswerARepeatedPostWithTheFirstAnswerAndCreateOneRequest() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = dossier("Hồ sơ lặp lại");
        ApiResponse first = post(REQUESTS, body, key);
        ApiResponse again = post(REQUESTS, body, key);

        assertEquals(201, first.status(), first::toString);
        assertEquals(201, again.status(), again::toString);
        assertArrayEquals(first.body(), again.body());
        assertEquals(first.headers().firstValue("location"), again.headers().firstValue("location"));
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(null));
        assertTrue(first.headers().firstValue("idempotent-replayed").isEmpty());
        assertEquals(1, requestsTitled("Hồ sơ lặp lại"));
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, post(REQUESTS, dossier("Hồ sơ thứ nhất"), key).status());
        ApiResponse other = post(REQUESTS, dossier("Hồ sơ thứ hai"), key);
        assertEquals(422, other.status(), other::toString);
        assertEquals("idempotency.key_reused", other.code());
        assertEquals(0, requestsTitled("Hồ sơ thứ hai"));
    }

    @Test
    void shouldReplayARefusalToo() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> unknownCitizen = Map.of("citizenId", UUID.randomUUID(), "title", "Hồ sơ",
                "documents", List.of(pdf("a.pdf", TestPdfs.small())));
        ApiResponse first = post(REQUESTS, unknownCitizen, key);
        ApiResponse again = post(REQUESTS, unknownCitizen, key);
        assertEquals(404, first.status());
        assertEquals("citizen.not_found", again.code());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(null));
        assertEquals(first.text(), again.text());
    }

    @Test
    void shouldSignOnceWhenAConfirmationIsRepeated() {
        String id = post(REQUESTS, dossier("Hồ sơ xác nhận hai lần"), UUID.randomUUID().toString()).string("id");
        Map<String, Object> code = Map.of("otp", kyso.latestCode("+84901000701"));
        String key = UUID.randomUUID().toString();
        ApiResponse first = post(REQUESTS + "/" + id + "/confirmation", code, key);
        ApiResponse again = post(REQUESTS + "/" + id + "/confirmation", code, key);

        assertEquals("SIGNED", first.string("status"), first::toString);
        assertEquals(200, again.status(), "not 409 already_confirmed: the retry gets the first answer");
        assertEquals(first.text(), again.text());
        assertEquals(1, DatabaseProbe.auditEntries(kyso, "REQUEST_CONFIRMED", id));
        assertEquals(1, DatabaseProbe.auditEntries(kyso, "DOCUMENT_SIGNED", id));
    }

    @Test
    void shouldCreateOneRequestWhateverTheNumberOfConcurrentRetries() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = dossier("Hồ sơ gửi đồng thời");
        List<Callable<ApiResponse>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(() -> post(REQUESTS, body, key));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<ApiResponse> answers = new ArrayList<>();
        try {
            for (Future<ApiResponse> answer : pool.invokeAll(attempts)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        Set<String> created = new HashSet<>();
        for (ApiResponse answer : answers) {
            if (answer.status() == 201) {
                created.add(answer.string("id"));
            } else {
                assertEquals(409, answer.status(), answer::toString);
                assertEquals("idempotency.in_progress", answer.code());
            }
        }
        assertEquals(1, created.size(), "one request id in every 201: " + created);
        assertEquals(1, requestsTitled("Hồ sơ gửi đồng thời"));
        ApiResponse later = post(REQUESTS, body, key);
        assertEquals(created.iterator().next(), later.string("id"));
    }

    @Test
    void shouldKeepKeysApartBetweenPortals() {
        String key = UUID.randomUUID().toString();
        ApiResponse ours = post("/api/v1/citizens", Map.of("nationalId", "079099000702", "fullName", "Lê Lợi",
                "phone", "+84901000702"), key);
        ApiResponse theirs = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000702", "fullName", "Lê Lợi",
                "phone", "+84901000702"), KysoTestService.OTHER_API_KEY, Map.of("Idempotency-Key", key));
        assertEquals(201, ours.status(), ours::toString);
        assertEquals(201, theirs.status(), "the other portal's own citizen, not our answer: " + theirs);
        assertTrue(!ours.string("id").equals(theirs.string("id")));
        assertNull(theirs.headers().firstValue("idempotent-replayed").orElse(null));
    }

    @Test
    void shouldTreatAKeyPastItsRetentionAsANewKey() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, post(REQUESTS, dossier("Hồ sơ hôm qua"), key).status());
        expireKey(key);
        ApiResponse today = post(REQUESTS, dossier("Hồ sơ hôm nay"), key);
        assertEquals(201, today.status(), "a day later the key is free: " + today);
        assertEquals(1, requestsTitled("Hồ sơ hôm nay"));
        expireKey(key);
        assertTrue(kyso.context().getBean(IdempotencyKeys.class).purgeExpired() >= 1);
    }

    @Test
    void shouldLetARetryTakeOverAKeyWhoseHolderDiedButNotOneStillRunning() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = dossier("Hồ sơ bị gián đoạn");
        assertEquals(201, post(REQUESTS, body, key).status());
        // what an instance that died before storing its answer leaves: the key in progress
        setInProgress(key, Instant.now().plus(Duration.ofMinutes(5)));
        ApiResponse running = post(REQUESTS, body, key);
        assertEquals(409, running.status(), running::toString);
        assertEquals("idempotency.in_progress", running.code());
        assertEquals("1", running.headers().firstValue("retry-after").orElse(null));

        setInProgress(key, Instant.now().minus(Duration.ofMinutes(1)));
        assertEquals(201, post(REQUESTS, body, key).status(), "the lease ended: the retry runs");
    }

    private static void expireKey(String key) {
        updateKey("UPDATE idempotency_key SET expires_at = ? WHERE idem_key = ?", Instant.now().minus(Duration.ofHours(1)), key);
    }

    private static void setInProgress(String key, Instant lockedUntil) {
        updateKey("UPDATE idempotency_key SET response_status = NULL, locked_until = ? WHERE idem_key = ?", lockedUntil, key);
    }

    /** Portable SQL: the same statement runs on H2 and PostgreSQL. */
    private static void updateKey(String sql, Instant at, String key) {
        kyso.context().getBean(Database.class).inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                Jdbc.setInstant(update, 1, at);
                update.setString(2, key);
                return update.executeUpdate();
            }
        });
    }

    @Test
    void shouldRefuseAKeyThatIsNotOneTo255VisibleAsciiCharacters() {
        for (String key : new String[] {"two words", "k".repeat(256)}) {
            ApiResponse answer = post(REQUESTS, dossier("Hồ sơ khóa sai"), key);
            assertEquals(400, answer.status(), answer::toString);
            assertEquals("idempotency.key_invalid", answer.code());
        }
        assertEquals(0, requestsTitled("Hồ sơ khóa sai"));
    }
}
