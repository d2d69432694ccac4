package io.kyso.signer.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One stored audit entry: a record placed in the chain. {@code entryHash} is SHA-256 over the
 * previous entry's hash and every field of this one, each length-prefixed so no two different
 * entries share an encoding.
 */
public record AuditEntry(long seq, Instant occurredAt, AuditRecord record, String prevHash, String entryHash) {

    /** The hash of the entry before the first. */
    public static final String GENESIS = "0".repeat(64);

    public static String computeHash(long seq, Instant occurredAt, AuditRecord r, String prevHash) {
        MessageDigest sha = sha256();
        for (String field : new String[] {
                prevHash, Long.toString(seq), occurredAt.toString(), r.type().name(), r.actor(), r.portalId(),
                str(r.requestId()), str(r.documentId()), r.documentSha256(), r.outcome().name(), r.detail()}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            int length = field == null ? -1 : bytes.length;
            sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** True when the stored hash matches the fields and the given predecessor. */
    public boolean hashMatches() {
        return computeHash(seq, occurredAt, record, prevHash).equals(entryHash);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
