package io.kyso.signer.confirmation;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of PRODUCT.md §3 for one-time codes and sole control, through the API. */
@KysoService
class OneTimeCodeRulesTest {
    private static final AtomicInteger PHONES = new AtomicInteger();
    private static KysoTestService kyso;

    /** A new citizen with a phone of their own, so outbox reads never mix. */
    private static Citizen newCitizen() {
        int n = PHONES.incrementAndGet();
        String phone = "+8490100" + String.format("%04d", n);
        Map<String, Object> c = kyso.enroll("Đặng Quốc Việt", String.format("0790990%05d", n), phone, null);
        return new Citizen(c.get("id").toString(), phone);
    }

    private record Citizen(String id, String phone) {
    }

    private static String newRequest(Citizen citizen, int documents) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            docs.add(pdf("tai-lieu-" + i + ".pdf", TestPdfs.withPages(1, "Tai lieu " + i)));
        }
        ApiResponse created = kyso.createRequest(citizen.id(), "Hồ sơ cấp giấy phép", docs);
        assertEquals(201, created.status(), created::toString);
        return created.string("id");
    }

    private static ApiResponse confirm(String requestId, String otp) {
        return kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation", Map.of("otp", otp));
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void shouldTellAttemptsLeftWithoutSayingWhatWasWrong() {
        Citizen citizen = newCitizen();
        String id = newRequest(citizen, 1);
        ApiResponse answer = confirm(id, wrong(kyso.latestCode(citizen.phone())));
        assertEquals(400, answer.status());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals("otp.invalid", answer.code());
        assertEquals(4, ((Number) answer.map().get("attemptsLeft")).intValue());
        assertFalse(answer.text().contains(kyso.latestCode(citizen.phone())));
    }

    @Test
    void shouldLockRequestAfterFiveWrongCodes() {
        Citizen citizen = newCitizen();
        String id = newRequest(citizen, 1);
        String code = kyso.latestCode(citizen.phone());
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertEquals(400, confirm(id, wrong(code)).status());
        }
        ApiResponse fifth = confirm(id, wrong(code));
        assertEquals(423, fifth.status(), fifth::toString);
        assertEquals("request.locked", fifth.code());
        ApiResponse rightCodeTooLate = confirm(id, code);
        assertEquals(423, rightCodeTooLate.status());
        assertEquals("LOCKED", kyso.get("/api/v1/signing-requests/" + id).string("status"));
    }

    @Test
    void shouldRefuseACodeOfAnotherRequest() {
        Citizen citizen = newCitizen();
        String first = newRequest(citizen, 1);
        String firstCode = kyso.latestCode(citizen.phone());
        String second = newRequest(citizen, 1);
        String secondCode = kyso.latestCode(citizen.phone());
        if (!firstCode.equals(secondCode)) {
            assertEquals("otp.invalid", confirm(second, firstCode).code());
        }
        assertEquals("SIGNED", confirm(first, firstCode).string("status"));
    }

    @Test
    void shouldUseACodeOnlyOnce() {
        Citizen citizen = newCitizen();
        String id = newRequest(citizen, 1);
        String code = kyso.latestCode(citizen.phone());
        assertEquals(200, confirm(id, code).status());
        ApiResponse again = confirm(id, code);
        assertEquals(409, again.status());
        assertEquals("request.already_confirmed", again.code());
    }

    @Test
    void shouldSignOnceWhenTwoRightConfirmationsRace() throws Exception {
        Citizen citizen = newCitizen();
        String id = newRequest(citizen, 2);
        String code = kyso.latestCode(citizen.phone());
        CountDownLatch start = new CountDownLatch(1);
        Callable<ApiResponse> attempt = () -> {
            start.await();
            return confirm(id, code);
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(attempt));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiResponse> answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        ApiResponse request = kyso.get("/api/v1/signing-requests/" + id);
        assertEquals("SIGNED", request.string("status"));
        long signedEvents = AuditQueries.count(kyso, "DOCUMENT_SIGNED", id);
        assertEquals(2, signedEvents, "each document signed exactly once");
    }

    @Test
    void shouldLimitResendsAndSpaceThemOut() {
        Citizen citizen = newCitizen();
        String id = newRequest(citizen, 1);
        ApiResponse tooSoon = kyso.post("/api/v1/signing-requests/" + id + "/otp", null);
        assertEquals(429, tooSoon.status(), tooSoon::toString);
        assertEquals("otp.resend_too_soon", tooSoon.code());
        assertTrue(tooSoon.headers().firstValue("retry-after").isPresent());
    }

    @Test
    void shouldRejectTheWholeRequest() {
        Citizen citizen = newCitizen();
        String id = newRequest(citizen, 2);
        String code = kyso.latestCode(citizen.phone());
        ApiResponse rejected = kyso.post("/api/v1/signing-requests/" + id + "/rejection", null);
        assertEquals(200, rejected.status(), rejected::toString);
        assertEquals("REJECTED", rejected.string("status"));
        ApiResponse late = confirm(id, code);
        assertEquals(409, late.status());
        assertNotEquals("SIGNED", kyso.get("/api/v1/signing-requests/" + id).string("status"));
    }
}
