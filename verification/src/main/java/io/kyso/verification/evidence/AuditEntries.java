package io.kyso.verification.evidence;

import io.kyso.verification.audit.AuditJsonLines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the audit entries of an evidence package: one request's entries are not a contiguous piece
 * of the chain, so each entry is checked against its own hash (and its request), not its neighbours.
 * The whole chain is checked with an audit export ({@code kyso-verify audit}).
 */
final class AuditEntries {

    record Check(int entries, List<String> problems) {
    }

    private AuditEntries() {
    }

    static Check check(Path jsonLines, String requestId) throws IOException {
        List<String> problems = new ArrayList<>();
        int[] entries = {0};
        AuditJsonLines.read(jsonLines, (number, entry) -> {
            entries[0]++;
            if (entry == null || entry.isRedacted()) {
                problems.add("audit line " + number + " is not an audit entry");
            } else if (!entry.hashMatches()) {
                problems.add("audit entry " + entry.seq() + " was edited: its content does not match its hash");
            } else if (!requestId.equals(entry.requestId())) {
                problems.add("audit entry " + entry.seq() + " is about another request");
            }
        });
        return new Check(entries[0], problems);
    }
}
