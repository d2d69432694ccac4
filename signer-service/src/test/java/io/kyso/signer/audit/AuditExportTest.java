package io.kyso.signer.audit;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.OfflineVerifier;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.audit.AuditExportLine;
import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.ChainedEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal reads its requests' audit entries and exports its own chain, sealed and timestamped;
 * {@code kyso-verify audit} checks the export offline with the trust given, and names the entry that
 * was edited, deleted or moved, an export cut short after its seal and a chain rebuilt.
 */
@KysoService(properties = "kyso.audit.full-chain-readers=other", reachable = true)
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
        kyso.activate((String) other.get("activationUrl"), "+84901000602", null);
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
    void shouldExportItsOwnChainSealedAndNothingOfAnotherPortal() throws Exception {
        List<String> lines = export("/api/v1/audit/export", KysoTestService.API_KEY);

        assertTrue(lines.get(0).contains("\"chain\":\"portal:dev-portal\""), lines.get(0));
        List<ChainedEntry> entries = entries(lines);
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(i + 1, entries.get(i).seq(), "numbered in the portal's own chain, no gap for others");
            assertEquals("dev-portal", entries.get(i).portalId());
        }
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"redacted\"") || l.contains("\"other\"")
                || l.contains("Phạm Thị Hoa")), "nothing of the other portal, not even that it exists");
        OfflineVerifier.Result check = checkOffline(lines);
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.out().contains("  SEAL: VALID CAdES-BASELINE-T"), check::toString);
        Map<String, Object> head = kyso.get("/api/v1/audit/verify").map();
        assertEquals("portal:dev-portal", head.get("chain"));
        assertEquals(entries.size(), ((Number) head.get("lastSeq")).intValue());
        assertTrue(check.out().contains("last entry " + head.get("lastSeq") + " " + head.get("lastHash")), check::toString);
    }

    @Test
    void shouldExportTheFullChainOnlyToAnAuditor() throws Exception {
        ApiResponse refused = kyso.get("/api/v1/audit/export?scope=full");
        ApiResponse refusedVerify = kyso.get("/api/v1/audit/verify?scope=full");
        List<String> full = export("/api/v1/audit/export?scope=full", KysoTestService.OTHER_API_KEY);

        assertEquals(403, refused.status());
        assertEquals("audit.full_export_forbidden", refused.code());
        assertEquals(403, refusedVerify.status());
        assertEquals("audit.full_chain_forbidden", refusedVerify.code());
        assertTrue(full.get(0).contains("\"chain\":\"full\""), full.get(0));
        assertTrue(full.stream().anyMatch(l -> l.contains("\"portalId\":\"dev-portal\"")));
        assertTrue(full.stream().anyMatch(l -> l.contains("\"portalId\":\"other\"")));
        OfflineVerifier.Result check = checkOffline(full);
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.out().contains("of the full chain"), check::toString);
    }

    @Test
    void shouldNameEditedDeletedAndSwappedEntriesOffline() throws Exception {
        List<String> lines = export("/api/v1/audit/export", KysoTestService.API_KEY);
        int codeSent = indexOf(lines, "\"CODE_SENT\""); // the header is line 0: entry n is line n

        List<String> edited = new ArrayList<>(lines);
        edited.set(codeSent, edited.get(codeSent).replace("\"SUCCESS\"", "\"FAILURE\""));
        assertBroken(edited, codeSent + " was edited");

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(codeSent);
        assertBroken(deleted, "entry " + codeSent + " is missing");

        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, codeSent, codeSent + 1);
        assertBroken(swapped, "entry " + codeSent + " is out of order");
    }

    @Test
    void shouldCatchAnExportCutShortAfterItsSeal() throws Exception {
        List<String> lines = export("/api/v1/audit/export", KysoTestService.API_KEY);
        List<ChainedEntry> entries = entries(lines);
        List<String> cut = new ArrayList<>(lines);
        cut.remove(entries.size()); // the last entry's line: the chain that is left is intact

        OfflineVerifier.Result check = checkOffline(cut);
        assertEquals(1, check.exitCode(), check::toString);
        assertTrue(check.out().contains("AUDIT CHAIN NOT PROVEN: the seal covers entries up to " + entries.size()
                + " but the export ends at " + (entries.size() - 1)), check::toString);
    }

    @Test
    void shouldCatchAChainRebuiltWithRecomputedHashes() throws Exception {
        List<String> lines = export("/api/v1/audit/export", KysoTestService.API_KEY);
        List<ChainedEntry> entries = entries(lines);
        List<String> rebuilt = new ArrayList<>(List.of(lines.get(0)));
        String prev = ChainedEntry.GENESIS;
        for (ChainedEntry e : entries) {
            String detail = "REQUEST_SIGNED".equals(e.type()) ? "rewritten" : e.detail();
            ChainedEntry unhashed = new ChainedEntry(e.seq(), e.occurredAt(), e.type(), e.actor(), e.portalId(),
                    e.requestId(), e.documentId(), e.documentSha256(), e.outcome(), detail, prev, "");
            ChainedEntry forged = new ChainedEntry(e.seq(), e.occurredAt(), e.type(), e.actor(), e.portalId(),
                    e.requestId(), e.documentId(), e.documentSha256(), e.outcome(), detail, prev, unhashed.computeHash());
            rebuilt.add(line(forged));
            prev = forged.entryHash();
        }
        rebuilt.addAll(lines.subList(entries.size() + 1, lines.size()));

        OfflineVerifier.Result check = checkOffline(rebuilt);
        assertEquals(1, check.exitCode(), check::toString);
        assertTrue(check.out().contains("is not the entry that was sealed: the chain was rebuilt"), check::toString);
    }

    private void assertBroken(List<String> tampered, String problem) throws Exception {
        OfflineVerifier.Result check = checkOffline(tampered);
        assertEquals(1, check.exitCode(), check::toString);
        assertTrue(check.out().startsWith("AUDIT CHAIN BROKEN at entry "), check::toString);
        assertTrue(check.out().contains(problem), () -> "expected '" + problem + "': " + check);
    }

    private static List<String> export(String path, String apiKey) {
        ApiResponse answer = kyso.get(path, apiKey);
        assertEquals(200, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/x-ndjson"), answer.contentType());
        List<String> lines = answer.text().lines().toList();
        assertFalse(lines.isEmpty());
        assertInstanceOf(AuditExportLine.Seal.class, AuditJsonLines.parseExportLine(lines.get(lines.size() - 2)));
        return lines;
    }

    private static List<ChainedEntry> entries(List<String> lines) {
        return lines.stream().map(AuditJsonLines::parseExportLine).filter(AuditExportLine.Entry.class::isInstance)
                .map(l -> ((AuditExportLine.Entry) l).entry()).toList();
    }

    private static String line(ChainedEntry entry) {
        try {
            StringWriter out = new StringWriter();
            AuditJsonLines.write(entry, out);
            return out.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OfflineVerifier.Result checkOffline(List<String> lines) throws Exception {
        Path file = Files.write(dir.resolve("export-" + System.nanoTime() + ".jsonl"), lines, StandardCharsets.UTF_8);
        Path root = Files.writeString(dir.resolve("root.pem"), OfflineVerifier.pem(kyso.rootCertificate()));
        return OfflineVerifier.run("audit", "--trust", root.toString(), file.toString());
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
