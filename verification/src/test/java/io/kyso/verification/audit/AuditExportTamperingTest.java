package io.kyso.verification.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An audit export checked offline: every kind of tampering is caught and located at its entry. */
class AuditExportTamperingTest {
    @TempDir
    Path dir;

    private List<String> lines;

    @BeforeEach
    void chainOfSixEntries() throws IOException {
        lines = new ArrayList<>();
        String prev = ChainedEntry.GENESIS;
        Instant at = Instant.parse("2025-06-01T08:00:00.123Z");
        for (long seq = 1; seq <= 6; seq++) {
            ChainedEntry draft = new ChainedEntry(seq, at.plusSeconds(seq), seq == 3 ? "CODE_FAILED" : "REQUEST_CREATED",
                    "portal:dvc-hanoi", seq == 4 ? "other" : "dvc-hanoi", "7f1c3e2a-0000-4000-8000-00000000000" + seq,
                    null, null, seq == 3 ? "FAILURE" : "SUCCESS", seq == 3 ? "otp.invalid" : null, prev, "x");
            ChainedEntry entry = withHash(draft);
            StringWriter line = new StringWriter();
            AuditJsonLines.write(seq == 4 ? ChainedEntry.redacted(seq, entry.prevHash(), entry.entryHash()) : entry, line);
            lines.add(line.toString().strip());
            prev = entry.entryHash();
        }
    }

    @Test
    void shouldAcceptUntouchedExportWithRedactedEntries() throws IOException {
        ChainCheck check = check(lines);

        assertTrue(check.valid(), check::toString);
        assertEquals(6, check.entries());
        assertEquals(1, check.redacted());
        assertEquals(6, check.lastSeq());
    }

    @Test
    void shouldNameEditedEntry() throws IOException {
        lines.set(2, lines.get(2).replace("\"FAILURE\"", "\"SUCCESS\"").replace("\"otp.invalid\"", "null"));

        assertBrokenAt(3, "edited", check(lines));
    }

    @Test
    void shouldNameDeletedEntry() throws IOException {
        lines.remove(1);

        assertBrokenAt(2, "entry 2 is missing", check(lines));
    }

    @Test
    void shouldNameSwappedEntries() throws IOException {
        Collections.swap(lines, 2, 4);

        assertBrokenAt(3, "entry 3 is out of order: entry 5 comes before it", check(lines));
        Collections.swap(lines, 2, 4);
        Collections.swap(lines, 1, 2);
        assertBrokenAt(2, "entry 2 is out of order: entry 3 comes before it", check(lines));
    }

    @Test
    void shouldNameEntryRewrittenWithItsHashRecomputed() throws IOException {
        ChainedEntry original = AuditJsonLines.parse(lines.get(1));
        ChainedEntry forged = withHash(new ChainedEntry(original.seq(), original.occurredAt(), "REQUEST_REJECTED",
                original.actor(), original.portalId(), original.requestId(), null, null, "SUCCESS", null,
                original.prevHash(), "x"));
        StringWriter line = new StringWriter();
        AuditJsonLines.write(forged, line);
        lines.set(1, line.toString().strip());

        assertBrokenAt(3, "does not chain", check(lines));
    }

    @Test
    void shouldNameLineThatIsNotAnEntry() throws IOException {
        lines.set(4, "{\"seq\":5,\"note\":\"removed\"}");

        assertBrokenAt(5, "not an audit entry", check(lines));
    }

    private static void assertBrokenAt(long seq, String problem, ChainCheck check) {
        assertFalse(check.valid(), check::toString);
        assertEquals(seq, check.firstBrokenEntry(), check::toString);
        assertTrue(check.problem().contains(problem), check::toString);
    }

    private ChainCheck check(List<String> export) throws IOException {
        Path file = dir.resolve("export.jsonl");
        Files.write(file, export);
        return AuditJsonLines.check(file);
    }

    private static ChainedEntry withHash(ChainedEntry e) {
        ChainedEntry unhashed = new ChainedEntry(e.seq(), e.occurredAt(), e.type(), e.actor(), e.portalId(), e.requestId(),
                e.documentId(), e.documentSha256(), e.outcome(), e.detail(), e.prevHash(), "x");
        return new ChainedEntry(e.seq(), e.occurredAt(), e.type(), e.actor(), e.portalId(), e.requestId(),
                e.documentId(), e.documentSha256(), e.outcome(), e.detail(), e.prevHash(), unhashed.computeHash());
    }
}
