package io.kyso.signer.signing;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.SignatureScheme;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a key signs: the digest of the bytes a format wants signed (a PDF's CMS signed attributes, an
 * XML signature's canonical SignedInfo, or a hash a client sends), the hash that made it, and how
 * it becomes a signature value. The first stage's product and the HSM's input; holds no document.
 */
public record DataToSign(DigestAlgorithm digestAlgorithm, byte[] digest, SignatureScheme scheme) {

    public DataToSign {
        if (digest.length != digestAlgorithm.length()) {
            throw new IllegalArgumentException("a " + digestAlgorithm.jcaName() + " digest has "
                    + digestAlgorithm.length() + " bytes, not " + digest.length);
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataToSign that && digestAlgorithm == that.digestAlgorithm && scheme == that.scheme
                && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * digestAlgorithm.hashCode() + scheme.hashCode()) + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "DataToSign[" + digestAlgorithm + ", " + scheme + ", " + HexFormat.of().formatHex(digest) + "]";
    }
}
