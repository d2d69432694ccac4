package io.kyso.signer.idempotency;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What tells whether a retry is the same request: a MAC over the method, the path and the body (for
 * a multipart upload, the metadata part and each document part's SHA-256 and size, computed while it
 * streams). Every piece is length-prefixed, so no two different requests can frame to the same
 * bytes.
 *
 * <p>Keyed, because a body may carry a secret: a confirmation carries the citizen's 6-digit code,
 * and a plain SHA-256 of it in the database would give the code back to anyone who reads the table,
 * after a million guesses (milliseconds). The key is derived from the code key
 * ({@link RequestFingerprints}), which the database does not hold.
 *
 * <p>The plain SHA-256 is computed beside it only to recognise retries of rows stored before
 * fingerprints were keyed ({@link Fingerprint#plainSha256()}); it is never written.
 * Not thread-safe; one per request.
 */
public final class RequestFingerprint {
    private final Mac keyed;
    private final MessageDigest plain;

    RequestFingerprint(SecretKeySpec key, String method, String path) {
        try {
            keyed = Mac.getInstance("HmacSHA256");
            keyed.init(key);
            plain = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        add(method).add(path);
    }

    public RequestFingerprint add(byte[] piece) {
        byte[] length = ByteBuffer.allocate(Long.BYTES).putLong(piece.length).array();
        keyed.update(length);
        keyed.update(piece);
        plain.update(length);
        plain.update(piece);
        return this;
    }

    public RequestFingerprint add(String piece) {
        return add(piece.getBytes(StandardCharsets.UTF_8));
    }

    public Fingerprint finish() {
        return new Fingerprint(HexFormat.of().formatHex(keyed.doFinal()), HexFormat.of().formatHex(plain.digest()));
    }

    /**
     * A request's fingerprint.
     *
     * @param keyed       HMAC-SHA256 under the idempotency key, hex: what is stored
     * @param plainSha256 the unkeyed SHA-256 rows written before carry ({@link FingerprintKind#SHA256}); compared
     *                    with them only, never stored
     */
    public record Fingerprint(String keyed, String plainSha256) {
        /** Whether a row's stored hash, of the given kind, is this request's. */
        boolean matches(String stored, FingerprintKind kind) {
            String mine = kind == FingerprintKind.HMAC ? keyed : plainSha256;
            return MessageDigest.isEqual(mine.getBytes(StandardCharsets.US_ASCII),
                    stored.strip().getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "Fingerprint[" + keyed + "]";
        }
    }

    /** How a row's {@code request_hash} was made. */
    enum FingerprintKind {
        /** Plain SHA-256: rows written before fingerprints were keyed (kept at most the retention, 24 hours). */
        SHA256,
        /** HMAC-SHA256 under the idempotency key. */
        HMAC
    }
}
