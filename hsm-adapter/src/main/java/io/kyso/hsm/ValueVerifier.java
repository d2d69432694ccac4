package io.kyso.hsm;

import java.security.PublicKey;

/**
 * Checks a signature value over a digest with the public key, in software, before the adapter hands
 * the value out ({@link HsmToken#signDigest}). The adapter's promise that every value is verified
 * rests on the implementation: it must really verify, and be thread-safe.
 *
 * <p>The default, {@link #jdk()}, uses the JDK's own providers, so the adapter needs nothing else at
 * run time. The JDK 17 ECDSA verifier is slow: about 15 times the cost of a SoftHSM2 P-256 signature
 * (docs/performance.md), so a caller that has a faster verifier at hand (signer-service has Bouncy
 * Castle) can pass it to {@link Pkcs11HsmToken#open(Pkcs11Config, ValueVerifier)}.
 */
@FunctionalInterface
public interface ValueVerifier {

    /**
     * @param digest the digest that was signed
     * @param value  the value the token returned: DER for ECDSA, raw for RSA
     * @return whether {@code value} is a valid {@code scheme} signature of {@code digest} under {@code key}
     */
    boolean verifies(PublicKey key, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] digest, byte[] value);

    /** Verification with the JDK's default providers. */
    static ValueVerifier jdk() {
        return SignatureVerifier::verifies;
    }
}
