package io.kyso.signer.audit;

import io.kyso.verification.audit.ChainedEntry;

import java.time.Instant;

/**
 * One stored audit entry: a record placed in the chain. Its hash is computed by the verification
 * engine's {@link ChainedEntry}, the one implementation the service and {@code kyso-verify audit} share.
 */
public record AuditEntry(long seq, Instant occurredAt, AuditRecord record, String prevHash, String entryHash) {

    /** The hash of the entry before the first. */
    public static final String GENESIS = ChainedEntry.GENESIS;

    public static String computeHash(long seq, Instant occurredAt, AuditRecord r, String prevHash) {
        return chained(seq, occurredAt, r, prevHash, "").computeHash();
    }

    /** This entry in the engine's (and the export's) form. */
    public ChainedEntry toChained() {
        return chained(seq, occurredAt, record, prevHash, entryHash);
    }

    /** True when the stored hash matches the fields and the given predecessor. */
    public boolean hashMatches() {
        return toChained().hashMatches();
    }

    private static ChainedEntry chained(long seq, Instant occurredAt, AuditRecord r, String prevHash, String hash) {
        return new ChainedEntry(seq, occurredAt, r.type().name(), r.actor(), r.portalId(), str(r.requestId()),
                str(r.documentId()), r.documentSha256(), r.outcome().name(), r.detail(), prevHash, hash);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
