package io.kyso.signer.signing;

import io.kyso.hsm.DigestAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * How long a timestamp keeps what it covers provable: until its authority's certificate expires, and
 * while the hash it was made over is not deprecated. What archive renewal watches in a signed
 * document's newest timestamp.
 *
 * @param expiresAt the timestamping unit's certificate's notAfter
 * @param digest    the hash of the stamped data (the message imprint's algorithm)
 */
public record TimestampStrength(Instant expiresAt, DigestAlgorithm digest) {

    public static TimestampStrength of(Timestamp token) {
        try {
            String oid = new TimeStampToken(new CMSSignedData(token.der())).getTimeStampInfo().getMessageImprintAlgOID().getId();
            DigestAlgorithm digest = Arrays.stream(DigestAlgorithm.values()).filter(d -> d.oid().equals(oid)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("a timestamp over an unknown hash " + oid));
            return new TimestampStrength(token.unitCertificate().getNotAfter().toInstant(), digest);
        } catch (CMSException | TSPException | IOException e) {
            throw new IllegalArgumentException("a checked timestamp token no longer parses", e);
        }
    }
}
