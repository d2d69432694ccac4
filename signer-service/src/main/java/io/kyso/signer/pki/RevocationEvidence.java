package io.kyso.signer.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * One certificate's revocation data as fetched and checked: where it came from, its DER encoding
 * (an OCSPResponse or a CRL, to embed in a signature's validation data), what it says, and when
 * the CA said it.
 */
public record RevocationEvidence(X509Certificate certificate, Source source, byte[] der, State state,
                                 Instant thisUpdate) {
    public RevocationEvidence {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Which service answered. */
    public enum Source { OCSP, CRL }

    /** What it says of the certificate. */
    public enum State { GOOD, REVOKED, UNKNOWN }
}
