package io.kyso.signer.cluster;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.Postgres;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two service instances on one PostgreSQL database, one HSM token and one document store, as
 * behind a load balancer: nothing that matters lives in one instance's memory.
 */
class TwoInstancesOnePostgresTest {
    private static KysoTestService a;
    private static KysoTestService b;

    @BeforeAll
    static void start() {
        a = KysoTestService.start(Map.of("kyso.db.url", Postgres.cluster().newDatabase(),
                "kyso.db.user", Postgres.USER, "kyso.db.password", ""));
        b = a.sibling();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    private static String request(KysoTestService on, Object citizenId, int documents) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            docs.add(pdf(i + ".pdf", TestPdfs.small()));
        }
        ApiResponse created = on.createRequest(citizenId, "Hồ sơ", docs);
        assertEquals(201, created.status(), created::toString);
        return created.string("id");
    }

    private static ApiResponse confirm(KysoTestService on, String id, String otp) {
        return on.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", otp));
    }

    @Test
    void shouldConfirmOnOneInstanceWhatTheOtherCreatedAndServeItFromEither() {
        Map<String, Object> citizen = b.enroll("Lê Lợi", "079099000901", "+84901000901", null);
        String id = request(a, citizen.get("id"), 1);
        ApiResponse confirmed = confirm(b, id, a.latestCode("+84901000901"));
        assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        @SuppressWarnings("unchecked")
        String documentId = ((List<Map<String, Object>>) confirmed.map().get("documents")).get(0).get("id").toString();
        assertEquals(200, a.get("/api/v1/signing-requests/" + id + "/documents/" + documentId + "/signed").status());
        assertEquals(true, b.get("/api/v1/audit/verify").map().get("valid"));
    }

    @Test
    void shouldSignOnceWhenTheRightCodeReachesBothInstancesAtOnce() throws Exception {
        Map<String, Object> citizen = a.enroll("Nguyễn Trãi", "079099000902", "+84901000902", null);
        String id = request(a, citizen.get("id"), 2);
        String code = a.latestCode("+84901000902");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        for (KysoTestService instance : List.of(a, b, a, b)) {
            answers.add(pool.submit(() -> {
                go.await();
                return confirm(instance, id, code);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiResponse> answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        assertEquals("SIGNED", b.get("/api/v1/signing-requests/" + id).string("status"));
    }

    @Test
    void shouldLockAfterFiveWrongCodesSpreadOverBothInstances() {
        Map<String, Object> citizen = a.enroll("Trần Hưng Đạo", "079099000903", "+84901000903", null);
        String id = request(b, citizen.get("id"), 1);
        String wrong = "000000".equals(a.latestCode("+84901000903")) ? "000001" : "000000";
        List<KysoTestService> order = List.of(a, b, a, b);
        for (int i = 0; i < 4; i++) {
            ApiResponse answer = confirm(order.get(i), id, wrong);
            assertEquals(4 - i, ((Number) answer.map().get("attemptsLeft")).intValue(), answer::toString);
        }
        assertEquals("request.locked", confirm(a, id, wrong).code());
        assertEquals("LOCKED", b.get("/api/v1/signing-requests/" + id).string("status"));
    }
}
