package io.kyso.signer.timestamping;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A timestamp token the client checked: its DER encoding (a CMS ContentInfo, what goes into a
 * signature's {@code signatureTimeStampToken} unsigned attribute or a PDF's document timestamp),
 * the time it states, its serial number, and the certificates it carried (the timestamping unit's first).
 */
public record TimestampToken(byte[] der, Instant genTime, BigInteger serial, List<X509Certificate> certificates) {
    public TimestampToken {
        der = der.clone();
        certificates = List.copyOf(certificates);
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The timestamping unit's certificate. */
    public X509Certificate tsaCertificate() {
        return certificates.get(0);
    }
}
