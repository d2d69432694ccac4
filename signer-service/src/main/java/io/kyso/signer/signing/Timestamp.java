package io.kyso.signer.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A timestamp token a {@link LongTermSources} obtained and checked: its DER encoding (a CMS
 * ContentInfo, what goes into a signature timestamp, a PDF document timestamp or a XAdES
 * timestamp), the time it states, and the certificates it carried (the timestamping unit's first).
 */
public record Timestamp(byte[] der, Instant genTime, List<X509Certificate> certificates) {
    public Timestamp {
        der = der.clone();
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a checked timestamp names its unit's certificate");
        }
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The timestamping unit's certificate. */
    public X509Certificate unitCertificate() {
        return certificates.get(0);
    }
}
