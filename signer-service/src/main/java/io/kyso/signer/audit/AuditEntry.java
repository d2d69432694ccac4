package io.kyso.signer.audit;

import io.kyso.verification.audit.ChainedEntry;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One stored audit entry: a record placed in the full chain and, when it names a portal, in that
 * portal's own chain, with its MAC over both places. Its hashes are computed by the verification
 * engine's {@link ChainedEntry}, the one implementation the service and {@code kyso-verify audit} share.
 *
 * @param portalLink its place in its portal's chain; null for an entry of no portal
 * @param mac        HMAC-SHA256 (hex) of {@link #macMessage()} under the HSM's audit key; null only
 *                   for an entry written before MACs existed and not yet given one
 */
public record AuditEntry(long seq, Instant occurredAt, AuditRecord record, String prevHash, String entryHash,
                         @Nullable PortalLink portalLink, @Nullable String mac) {

    /** The hash of the entry before the first. */
    public static final String GENESIS = ChainedEntry.GENESIS;

    /** An entry's place in its portal's chain: that chain's sequence number, previous hash and hash. */
    public record PortalLink(long seq, String prevHash, String hash) {
    }

    public static String computeHash(long seq, Instant occurredAt, AuditRecord r, String prevHash) {
        return chained(seq, occurredAt, r, prevHash, "").computeHash();
    }

    /** This entry in the full chain, in the engine's (and the export's) form. */
    public ChainedEntry toChained() {
        return chained(seq, occurredAt, record, prevHash, entryHash);
    }

    /** This entry in its portal's chain: numbered and linked within that chain only. */
    public ChainedEntry toPortalChained() {
        if (portalLink == null) {
            throw new IllegalStateException("entry " + seq + " is in no portal's chain");
        }
        return chained(portalLink.seq(), occurredAt, record, portalLink.prevHash(), portalLink.hash());
    }

    /**
     * What the MAC authenticates: the entry's place and hash in the full chain and in its portal's
     * chain, so that neither chain can be rewritten (hashes recomputed) without the HSM's key.
     */
    public byte[] macMessage() {
        return macMessage(seq, entryHash, record.portalId(), portalLink);
    }

    static byte[] macMessage(long seq, String entryHash, @Nullable String portalId, @Nullable PortalLink link) {
        String text = "kyso-audit-mac/1\n" + seq + "\n" + entryHash + "\n"
                + (link == null ? "-\n-\n" : link.seq() + "\n" + link.hash() + "\n")
                + (portalId == null ? "" : portalId); // last: it cannot run into another field
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ChainedEntry chained(long seq, Instant occurredAt, AuditRecord r, String prevHash, String hash) {
        return new ChainedEntry(seq, occurredAt, r.type().name(), r.actor(), r.portalId(), str(r.requestId()),
                str(r.documentId()), r.documentSha256(), r.outcome().name(), r.detail(), prevHash, hash);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
