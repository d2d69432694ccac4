package io.kyso.signer.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 that tells whether a retry is the same request: over the method, the path and the
 * body (for a multipart upload, the metadata part and each document part's name, type and SHA-256,
 * computed while it streams). Every piece is length-prefixed, so no two different requests can
 * frame to the same bytes. Not thread-safe; one per request.
 */
public final class RequestFingerprint {
    private final MessageDigest sha;

    private RequestFingerprint(String method, String path) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        add(method).add(path);
    }

    public static RequestFingerprint of(String method, String path) {
        return new RequestFingerprint(method, path);
    }

    public RequestFingerprint add(byte[] piece) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(piece.length).array());
        sha.update(piece);
        return this;
    }

    public RequestFingerprint add(String piece) {
        return add(piece.getBytes(StandardCharsets.UTF_8));
    }

    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
