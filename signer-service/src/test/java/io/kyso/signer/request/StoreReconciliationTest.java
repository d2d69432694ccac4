package io.kyso.signer.request;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that no committed state refers to — what a crash between a store commit and its transaction
 * leaves — are quarantined and reported at start-up, never served; referenced files stay.
 */
class StoreReconciliationTest {

    @Test
    void shouldQuarantineAndReportFilesNoCommittedRequestRefersTo() throws IOException {
        KysoTestService kyso = KysoTestService.start();
        try {
            Map<String, Object> citizen = kyso.enroll("Lý Chiêu Hoàng", "079099000701", "+84901000701", null);
            ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small())));
            String requestId = created.string("id");
            String documentId = ((Map<?, ?>) ((List<?>) created.map().get("documents")).get(0)).get("id").toString();
            Path documents = kyso.dataDir().resolve("documents");
            // a crash after the store commit of a new request, before its transaction
            Path orphanOriginal = documents.resolve("originals/" + UUID.randomUUID() + "/" + UUID.randomUUID());
            // a crash after the signed output reached the store, before the request was marked signed
            Path orphanSigned = documents.resolve("signed/" + requestId + "/" + documentId);
            for (Path orphan : List.of(orphanOriginal, orphanSigned)) {
                Files.createDirectories(orphan.getParent());
                Files.write(orphan, TestPdfs.small());
            }
            // a crash mid-upload or mid-signing: a staged file nothing will ever commit
            Path staged = Files.write(documents.resolve("tmp/blob-left-by-a-crash.part"), TestPdfs.small());
            Path original = documents.resolve("originals/" + requestId + "/" + documentId);
            byte[] originalBytes = Files.readAllBytes(original);

            kyso = kyso.restart();
            kyso.context().getBean(StoreReconciliation.class).reconcile();

            assertFalse(Files.exists(orphanOriginal), "orphan original quarantined");
            assertFalse(Files.exists(orphanSigned), "orphan signed output quarantined");
            assertFalse(Files.exists(staged), "a temporary file of the process before is removed");
            assertArrayEquals(originalBytes, Files.readAllBytes(original), "a referenced original stays");
            try (Stream<Path> quarantined = Files.walk(documents.resolve("quarantine"))) {
                assertEquals(2, quarantined.filter(Files::isRegularFile).count());
            }
            ApiResponse download = kyso.get("/api/v1/signing-requests/" + requestId + "/documents/" + documentId + "/signed");
            assertEquals(409, download.status(), "an orphan signed output is never served");
            assertEquals(2, quarantineEntries(kyso));
            String metrics = kyso.get("/prometheus", null).text();
            assertTrue(metrics.contains("kyso_store_quarantined_total"), metrics);
            assertEquals(true, kyso.get("/api/v1/audit/verify").map().get("valid"));
        } finally {
            kyso.close();
        }
    }

    private static long quarantineEntries(KysoTestService kyso) {
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM audit_event WHERE event_type = 'STORE_FILE_QUARANTINED'");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
