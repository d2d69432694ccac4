package io.kyso.signer.crash;

import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.ChainedEntry;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The audit log as the portal reads it: {@code GET /api/v1/audit/verify} must say the chain is valid,
 * and the export ({@code GET /api/v1/audit/export}, JSON Lines) must hold one {@code DOCUMENT_SIGNED}
 * entry for each signed document, and none for a document that is not signed.
 */
final class AuditCheck {
    /** What the log holds: the requests it saw created and how often each document was signed. */
    record Findings(Set<UUID> createdRequests, Map<UUID, Integer> signatures, long entries) {

        /** Compares the log's signatures with the documents of every request the check saw. */
        void judgeSignatures(ObservedRequests observed, String when, List<Violation> violations) {
            observed.existing().forEach((request, answer) -> answer.documents().forEach((document, json) -> {
                String status = String.valueOf(json.get("status"));
                int count = signatures.getOrDefault(document, 0);
                String subject = "document " + document + " of request " + request;
                if ("SIGNED".equals(status) && count == 0) {
                    violations.add(new Violation(when, Invariant.AUDIT_RECORDS_EACH_SIGNATURE, subject,
                            "document SIGNED", "no DOCUMENT_SIGNED entry"));
                } else if (count > 1) {
                    violations.add(new Violation(when, Invariant.SIGNED_ONCE, subject, "one signature",
                            count + " DOCUMENT_SIGNED entries (document " + status + ")"));
                } else if (!"SIGNED".equals(status) && count > 0) {
                    violations.add(new Violation(when, Invariant.AUDIT_RECORDS_EACH_SIGNATURE, subject,
                            "DOCUMENT_SIGNED in the audit log", "document " + status + " (request "
                            + answer.field("status") + ")"));
                }
            }));
        }

        String summary() {
            return entries + " audit entries, " + signatures.size() + " documents signed in the audit log";
        }
    }

    private AuditCheck() {
    }

    /** Verifies the chain (a violation if broken) and reads the export. */
    static Findings read(PortalApi api, String when, List<Violation> violations) {
        Answer verify = api.get("/api/v1/audit/verify");
        if (verify.status() != 200 || !"true".equals(verify.field("valid"))) {
            violations.add(new Violation(when, Invariant.AUDIT_CHAIN_VALID, "the audit chain", "valid",
                    verify.lost() ? verify.summary() : verify.response().text()));
        }
        Answer export = api.get("/api/v1/audit/export");
        if (export.status() != 200) {
            throw new IllegalStateException("the audit export failed: " + export.summary());
        }
        Set<UUID> created = new LinkedHashSet<>();
        Map<UUID, Integer> signatures = new HashMap<>();
        long entries = 0;
        for (String line : new String(export.response().body(), StandardCharsets.UTF_8).split("\n")) {
            ChainedEntry entry = line.isBlank() ? null : AuditJsonLines.parse(line);
            if (entry == null || entry.isRedacted()) {
                continue;
            }
            entries++;
            if ("REQUEST_CREATED".equals(entry.type()) && entry.requestId() != null) {
                created.add(UUID.fromString(entry.requestId()));
            } else if ("DOCUMENT_SIGNED".equals(entry.type()) && entry.documentId() != null) {
                signatures.merge(UUID.fromString(entry.documentId()), 1, Integer::sum);
            }
        }
        return new Findings(created, signatures, entries);
    }
}
