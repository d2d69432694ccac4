package io.kyso.signer.signing;

import io.kyso.hsm.DigestAlgorithm;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Where signatures above B-B get what they carry besides the signature: timestamps from the
 * timestamping authority, and each certificate's revocation data from its CA's services. Every
 * answer is checked before it is returned; a source that cannot answer throws (the service's
 * sources throw the service's problems: the authority or the CA unavailable, an unusable answer, a
 * revoked certificate), so that nothing is ever signed at a lower level than asked; the formats let
 * those through, if wrapped then as the cause. Thread-safe.
 */
public interface LongTermSources {

    /** Sources for B-B only: asked for anything, they refuse. */
    LongTermSources NONE = new LongTermSources() {
        @Override
        public Timestamp timestamp(DigestAlgorithm algorithm, byte[] digest) {
            throw new IllegalStateException("no timestamping authority: only B-B signatures can be made here");
        }

        @Override
        public Optional<RevocationData> revocation(X509Certificate certificate, X509Certificate issuer) {
            throw new IllegalStateException("no revocation sources: only B-B signatures can be made here");
        }
    };

    /** A checked timestamp token over {@code digest}, the {@code algorithm} hash of what is stamped. */
    Timestamp timestamp(DigestAlgorithm algorithm, byte[] digest);

    /**
     * The checked revocation data of {@code certificate}, which says it is good; nothing if the
     * certificate names no OCSP responder and no CRL. A revoked certificate, or one its CA does not
     * know, is refused with an exception.
     */
    Optional<RevocationData> revocation(X509Certificate certificate, X509Certificate issuer);
}
