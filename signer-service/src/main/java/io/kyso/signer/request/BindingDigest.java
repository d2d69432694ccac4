package io.kyso.signer.request;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest a one-time code is bound to: SHA-256 over the number of documents and each document's
 * SHA-256, in order. Changing, adding, removing or reordering a document changes it.
 */
public final class BindingDigest {
    private BindingDigest() {
    }

    public static String of(List<String> documentSha256s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int n = documentSha256s.size();
            sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            for (String hex : documentSha256s) {
                sha.update(HexFormat.of().parseHex(hex));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
