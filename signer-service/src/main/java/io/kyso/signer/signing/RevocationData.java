package io.kyso.signer.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate's revocation data as a {@link LongTermSources} fetched and checked it, saying the
 * certificate is good: where it came from, its DER encoding (an OCSPResponse or a CRL, to embed in
 * a signature's validation data), and when the CA said it.
 */
public record RevocationData(X509Certificate certificate, Source source, byte[] der, Instant thisUpdate) {
    public RevocationData {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Which service answered. */
    public enum Source { OCSP, CRL }
}
