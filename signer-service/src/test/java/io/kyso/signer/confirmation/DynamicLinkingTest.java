package io.kyso.signer.confirmation;

import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.request.BindingDigest;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.FlakyHsm;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic linking: every accepted code is bound to one request and to the documents the citizen
 * approves. A sent code works for its own request only, however many of the citizen's requests wait
 * at once; the audit log holds the digest of exactly the approved set; a code is spent even when the
 * signing it confirmed fails, and the fresh one Kyso then sends keeps the request confirmable.
 */
@KysoService(properties = "kyso.test.flaky-hsm=true")
class DynamicLinkingTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    @AfterEach
    void healTheHsm() {
        FlakyHsm.heal();
    }

    private record Citizen(String id, String phone) {
    }

    private static Citizen newCitizen() {
        int n = CITIZENS.incrementAndGet();
        String phone = "+8490700" + String.format("%04d", n);
        return new Citizen(kyso.enroll("Nguyễn Hữu Cảnh", String.format("0790996%05d", n), phone, null)
                .get("id").toString(), phone);
    }

    private static ApiResponse confirm(String requestId, Object body) {
        return kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation", body);
    }

    @Test
    void shouldBindEachSentCodeToItsOwnRequestAcrossConcurrentRequests() throws Exception {
        Citizen citizen = newCitizen();
        ExecutorService portal = Executors.newFixedThreadPool(4);
        List<Future<ApiResponse>> creating = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            creating.add(portal.submit(() -> kyso.createRequest(citizen.id(), "Hồ sơ song song " + n,
                    List.of(pdf("don-" + n + ".pdf", TestPdfs.withPages(1, "Don " + n))))));
        }
        List<ApiResponse> requests = new ArrayList<>();
        for (Future<ApiResponse> created : creating) {
            assertEquals(201, created.get().status(), created.get()::toString);
            requests.add(created.get());
        }
        List<String> codes = requests.stream().map(r -> kyso.latestCode(citizen.phone(), r.string("reference"))).toList();
        for (int i = 0; i < requests.size(); i++) {
            String other = codes.get((i + 1) % codes.size());
            if (!other.equals(codes.get(i))) {
                ApiResponse crossed = confirm(requests.get(i).string("id"), Map.of("otp", other));
                assertEquals(400, crossed.status(), "another request's code: " + crossed);
                assertEquals("otp.invalid", crossed.code());
            }
        }
        List<Future<ApiResponse>> confirming = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String id = requests.get(i).string("id");
            String code = codes.get(i);
            confirming.add(portal.submit(() -> confirm(id, Map.of("otp", code))));
        }
        for (Future<ApiResponse> confirmed : confirming) {
            assertEquals("SIGNED", confirmed.get().string("status"), confirmed.get()::toString);
        }
        portal.shutdown();
    }

    @Test
    void shouldRecordTheDigestOfExactlyTheApprovedDocuments() {
        Citizen citizen = newCitizen();
        ApiResponse created = kyso.createRequest(citizen.id(), "Hồ sơ ba tài liệu", List.of(
                pdf("1.pdf", TestPdfs.withPages(1, "Mot")), pdf("2.pdf", TestPdfs.withPages(1, "Hai")),
                pdf("3.pdf", TestPdfs.withPages(1, "Ba"))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) created.map().get("documents");
        List<Object> approved = List.of(documents.get(0).get("id"), documents.get(2).get("id"));
        ApiResponse signed = confirm(created.string("id"), Map.of("otp", kyso.latestCode(citizen.phone()),
                "approvedDocumentIds", approved));
        assertEquals("PARTIALLY_SIGNED", signed.string("status"), signed::toString);

        String approvedDigest = BindingDigest.of(List.of(documents.get(0).get("sha256").toString(),
                documents.get(2).get("sha256").toString()));
        String detail = confirmedDetail(created.string("id"));
        assertTrue(detail.contains("approved:2/3") && detail.contains("approvedDigest:" + approvedDigest), detail);
        assertNotEquals(BindingDigest.of(documents.stream().map(d -> d.get("sha256").toString()).toList()),
                approvedDigest, "the approved set, not the presented one");
    }

    @Test
    void shouldSpendACodeWhoseSigningFailedAndSendAFreshOne() {
        Citizen citizen = newCitizen();
        ApiResponse created = kyso.createRequest(citizen.id(), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
        String id = created.string("id");
        String code = kyso.latestCode(citizen.phone());

        FlakyHsm.failAfter(0);
        ApiResponse failed = confirm(id, Map.of("otp", code));
        assertEquals(503, failed.status(), failed::toString);
        assertEquals("hsm.unavailable", failed.code());
        FlakyHsm.heal();
        assertEquals(1, AuditQueries.count(kyso, "CODE_SPENT", id));

        ApiResponse replay = confirm(id, Map.of("otp", code));
        assertEquals(410, replay.status(), replay::toString);
        assertEquals("otp.used", replay.code());
        ApiResponse request = kyso.get("/api/v1/signing-requests/" + id);
        assertEquals("AWAITING_CONFIRMATION", request.string("status"), "still confirmable");

        String fresh = kyso.latestCode(citizen.phone(), created.string("reference"));
        assertNotEquals(code, fresh);
        ApiResponse wrong = confirm(id, Map.of("otp", fresh.equals("000000") ? "111111" : "000000"));
        assertEquals(4, ((Number) wrong.map().get("attemptsLeft")).intValue(), "the spent code counted as no attempt");
        assertEquals("SIGNED", confirm(id, Map.of("otp", fresh)).string("status"));
        assertEquals(1, AuditQueries.count(kyso, "DOCUMENT_SIGNED", id));
    }

    private static String confirmedDetail(String requestId) {
        kyso.context().getBean(AuditLog.class).flush(); // the sequencer chains what was committed first
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT detail FROM audit_event WHERE event_type = 'REQUEST_CONFIRMED' AND request_id = ?")) {
                s.setObject(1, UUID.fromString(requestId));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        });
    }
}
