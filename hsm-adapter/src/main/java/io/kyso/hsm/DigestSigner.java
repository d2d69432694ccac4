package io.kyso.hsm;

/** Signs a precomputed digest with one private key. */
@FunctionalInterface
public interface DigestSigner {
    /**
     * @param digest the hash of the data, {@code digestAlgorithm.length()} bytes
     * @return the signature value (DER for ECDSA, raw for RSA)
     */
    byte[] sign(DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest);
}
