package io.kyso.signer.csc;

import io.kyso.hsm.DigestAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The digest a credential authorization's one-time code is bound to: SHA-256 over the credential,
 * the hash function, the number of hashes and each hash in order. The code is worthless for another
 * credential, another hash or another set of hashes.
 */
public final class AuthorizationBinding {
    private AuthorizationBinding() {
    }

    public static String of(UUID credential, DigestAlgorithm algorithm, List<byte[]> hashes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(credential.toString().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(algorithm.oid().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            int n = hashes.size();
            sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            hashes.forEach(sha::update);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
