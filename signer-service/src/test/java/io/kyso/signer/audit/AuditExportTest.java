package io.kyso.signer.audit;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.OfflineVerifier;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal reads its requests' audit entries and exports the chain; {@code kyso-verify audit}
 * checks the export offline and names the entry that was edited, deleted or moved.
 */
@KysoService(properties = "kyso.audit.full-chain-readers=other")
class AuditExportTest {
    private static KysoTestService kyso;
    private static String requestId;

    @TempDir
    Path dir;

    @BeforeAll
    static void twoPortalsAtWork() {
        Map<String, Object> citizen = kyso.enroll("Lê Văn Tám", "079099000601", "+84901000601", null);
        requestId = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
        kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation", Map.of("otp", kyso.latestCode("+84901000601")));
        Map<?, ?> other = kyso.post("/api/v1/citizens", Map.of("nationalId", "079099000602", "fullName", "Phạm Thị Hoa",
                "phone", "+84901000602"), KysoTestService.OTHER_API_KEY).map();
        kyso.post("/api/v1/signing-requests", Map.of("citizenId", other.get("id"), "title", "Hồ sơ khác",
                "documents", List.of(pdf("b.pdf", TestPdfs.small()))), KysoTestService.OTHER_API_KEY);
    }

    @Test
    void shouldListRequestsEntriesWithTheirChainHashes() {
        ApiResponse events = kyso.get("/api/v1/audit/events?requestId=" + requestId);

        assertEquals(200, events.status(), events::toString);
        List<?> entries = (List<?>) events.map().get("entries");
        List<String> types = entries.stream().map(e -> String.valueOf(((Map<?, ?>) e).get("type"))).toList();
        assertTrue(types.containsAll(List.of("REQUEST_CREATED", "CODE_SENT", "REQUEST_CONFIRMED", "DOCUMENT_SIGNED",
                "REQUEST_SIGNED")), types::toString);
        entries.forEach(e -> assertEquals(64, ((Map<?, ?>) e).get("entryHash").toString().length()));
        assertEquals(404, kyso.get("/api/v1/audit/events?requestId=" + requestId, KysoTestService.OTHER_API_KEY).status());
    }

    @Test
    void shouldExportOwnEntriesInFullAndOthersAsHashesOnly() throws Exception {
        List<String> lines = export("/api/v1/audit/export", KysoTestService.API_KEY);

        assertTrue(lines.stream().anyMatch(l -> l.contains("\"redacted\":true")), "the other portal's entries are there");
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"portalId\":\"other\"")), "but say nothing");
        assertTrue(lines.stream().noneMatch(l -> l.contains("Phạm Thị Hoa")));
        OfflineVerifier.Result check = checkOffline(lines);
        assertEquals(0, check.exitCode(), check::toString);
        Map<String, Object> head = kyso.get("/api/v1/audit/verify").map();
        assertTrue(check.out().contains("last entry " + head.get("lastSeq") + " " + head.get("lastHash")), check::toString);
    }

    @Test
    void shouldExportWholeChainOnlyToAnAuditor() throws Exception {
        ApiResponse refused = kyso.get("/api/v1/audit/export?scope=full");
        List<String> full = export("/api/v1/audit/export?scope=full", KysoTestService.OTHER_API_KEY);

        assertEquals(403, refused.status());
        assertEquals("audit.full_export_forbidden", refused.code());
        assertTrue(full.stream().noneMatch(l -> l.contains("\"redacted\":true")));
        assertTrue(full.stream().anyMatch(l -> l.contains("\"portalId\":\"dev-portal\"")));
        assertEquals(0, checkOffline(full).exitCode());
    }

    @Test
    void shouldNameEditedDeletedAndSwappedEntriesOffline() throws Exception {
        List<String> lines = export("/api/v1/audit/export", KysoTestService.API_KEY);
        int codeSent = indexOf(lines, "\"CODE_SENT\"");

        List<String> edited = new ArrayList<>(lines);
        edited.set(codeSent, edited.get(codeSent).replace("\"SUCCESS\"", "\"FAILURE\""));
        assertNamed(edited, (codeSent + 1) + " was edited");

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(codeSent);
        assertNamed(deleted, "entry " + (codeSent + 1) + " is missing");

        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, codeSent, codeSent + 1);
        assertNamed(swapped, "entry " + (codeSent + 1) + " is out of order");
    }

    private void assertNamed(List<String> tampered, String problem) throws Exception {
        OfflineVerifier.Result check = checkOffline(tampered);
        assertEquals(1, check.exitCode(), check::toString);
        assertTrue(check.out().startsWith("AUDIT CHAIN BROKEN at entry "), check::toString);
        assertTrue(check.out().contains(problem), () -> "expected '" + problem + "': " + check);
    }

    private List<String> export(String path, String apiKey) {
        ApiResponse answer = kyso.get(path, apiKey);
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/x-ndjson"), answer.contentType());
        List<String> lines = answer.text().lines().toList();
        assertFalse(lines.isEmpty());
        return lines;
    }

    private OfflineVerifier.Result checkOffline(List<String> lines) throws Exception {
        Path file = Files.write(dir.resolve("export-" + System.nanoTime() + ".jsonl"), lines, StandardCharsets.UTF_8);
        return OfflineVerifier.run("audit", file.toString());
    }

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        throw new AssertionError(needle + " not in the export");
    }
}
