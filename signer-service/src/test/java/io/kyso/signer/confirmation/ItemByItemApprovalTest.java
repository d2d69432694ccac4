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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The citizen approves some documents of the presented set: those are signed, the others rejected. */
@KysoService
class ItemByItemApprovalTest {
    private static final AtomicInteger CITIZENS = new AtomicInteger();
    private static KysoTestService kyso;

    private record Dossier(String id, String phone, List<String> documentIds) {
    }

    @SuppressWarnings("unchecked")
    private static Dossier threeDocuments() {
        int n = CITIZENS.incrementAndGet();
        String phone = "+8490500" + String.format("%04d", n);
        Map<String, Object> citizen = kyso.enroll("Bùi Văn Nam", String.format("0790993%05d", n), phone, null);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            docs.add(pdf("tai-lieu-" + i + ".pdf", TestPdfs.withPages(1, "Tai lieu " + i)));
        }
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ ba tài liệu", docs);
        assertEquals(201, created.status(), created::toString);
        List<String> ids = ((List<Map<String, Object>>) created.map().get("documents")).stream()
                .map(d -> d.get("id").toString()).toList();
        return new Dossier(created.string("id"), phone, ids);
    }

    private static ApiResponse confirm(Dossier dossier, String otp, List<String> approved) {
        return kyso.post("/api/v1/signing-requests/" + dossier.id() + "/confirmation",
                Map.of("otp", otp, "approvedDocumentIds", approved));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSignOnlyTheApprovedDocumentsAndEndPartiallySigned() {
        Dossier dossier = threeDocuments();
        List<String> approved = List.of(dossier.documentIds().get(0), dossier.documentIds().get(2));
        ApiResponse answer = confirm(dossier, kyso.latestCode(dossier.phone()), approved);
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("PARTIALLY_SIGNED", answer.string("status"));
        List<Map<String, Object>> docs = (List<Map<String, Object>>) answer.map().get("documents");
        assertEquals(List.of("SIGNED", "REJECTED", "SIGNED"), docs.stream().map(d -> d.get("status")).toList());
        String base = "/api/v1/signing-requests/" + dossier.id() + "/documents/";
        assertEquals(200, kyso.get(base + dossier.documentIds().get(0) + "/signed").status());
        ApiResponse rejected = kyso.get(base + dossier.documentIds().get(1) + "/signed");
        assertEquals(409, rejected.status());
        assertEquals("document.not_signed", rejected.code());
        assertEquals(2, AuditQueries.count(kyso, "DOCUMENT_APPROVED", dossier.id()));
        assertEquals(1, AuditQueries.count(kyso, "DOCUMENT_REJECTED", dossier.id()));
        assertEquals(2, AuditQueries.count(kyso, "DOCUMENT_SIGNED", dossier.id()));
    }

    @Test
    void shouldSignEverythingWhenNoSelectionIsGiven() {
        Dossier dossier = threeDocuments();
        ApiResponse answer = kyso.post("/api/v1/signing-requests/" + dossier.id() + "/confirmation",
                Map.of("otp", kyso.latestCode(dossier.phone())));
        assertEquals("SIGNED", answer.string("status"), answer::toString);
        assertEquals(3, AuditQueries.count(kyso, "DOCUMENT_APPROVED", dossier.id()));
    }

    @Test
    void shouldRejectTheRequestWhenTheCitizenApprovesNothing() {
        Dossier dossier = threeDocuments();
        ApiResponse answer = confirm(dossier, kyso.latestCode(dossier.phone()), List.of());
        assertEquals("REJECTED", answer.string("status"), answer::toString);
        assertEquals(0, AuditQueries.count(kyso, "DOCUMENT_SIGNED", dossier.id()));
        assertEquals(3, AuditQueries.count(kyso, "DOCUMENT_REJECTED", dossier.id()));
    }

    @Test
    void shouldRefuseADocumentOutsideThePresentedSetWithoutCountingAnAttempt() {
        Dossier dossier = threeDocuments();
        String code = kyso.latestCode(dossier.phone());
        ApiResponse answer = confirm(dossier, code, List.of(dossier.documentIds().get(0), UUID.randomUUID().toString()));
        assertEquals(400, answer.status());
        assertEquals("confirmation.unknown_document", answer.code());
        ApiResponse request = kyso.get("/api/v1/signing-requests/" + dossier.id());
        assertEquals(5, ((Number) request.map().get("attemptsLeft")).intValue());
        assertEquals("SIGNED", confirm(dossier, code, dossier.documentIds()).string("status"));
    }
}
