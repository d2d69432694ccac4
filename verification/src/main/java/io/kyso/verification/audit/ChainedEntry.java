package io.kyso.verification.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of Kyso's hash-chained audit log, as stored and as exported: its fields, the hash of
 * the entry before it and its own hash, {@code entryHash = SHA-256(prevHash ‖ seq ‖ every field)},
 * each length-prefixed so no two different entries share an encoding.
 *
 * <p>A <em>redacted</em> entry (another portal's, in a portal's export) carries only {@code seq},
 * {@code prevHash} and {@code entryHash}: enough to check that the chain runs through it, nothing
 * of what it says.
 *
 * @param type    the event type's name; null only when redacted
 * @param outcome SUCCESS or FAILURE; null only when redacted
 */
public record ChainedEntry(long seq, Instant occurredAt, String type, String actor, String portalId,
                           String requestId, String documentId, String documentSha256, String outcome,
                           String detail, String prevHash, String entryHash) {

    /** The hash of the entry before the first. */
    public static final String GENESIS = "0".repeat(64);

    public ChainedEntry {
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(entryHash, "entryHash");
    }

    /** Only the chain links of an entry whose content the reader may not see. */
    public static ChainedEntry redacted(long seq, String prevHash, String entryHash) {
        return new ChainedEntry(seq, null, null, null, null, null, null, null, null, null, prevHash, entryHash);
    }

    @JsonIgnore
    public boolean isRedacted() {
        return type == null;
    }

    /** The hash of this entry's fields over {@code prevHash}: what {@code entryHash} must be. */
    public String computeHash() {
        if (isRedacted()) {
            throw new IllegalStateException("a redacted entry's hash cannot be recomputed");
        }
        MessageDigest sha = sha256();
        for (String field : new String[] {prevHash, Long.toString(seq), occurredAt.toString(), type, actor, portalId,
                requestId, documentId, documentSha256, outcome, detail}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            int length = field == null ? -1 : bytes.length;
            sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** True when the stored hash matches the fields; a redacted entry cannot say, and does not fail here. */
    @JsonIgnore
    public boolean hashMatches() {
        return isRedacted() || computeHash().equals(entryHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
