package io.kyso.verification.testing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The test PKI's timestamping authority, in process: DSS's own key-entity TSA with the test TSA's
 * key, noting the time of every token it issues, so a test can compare the report with what was issued.
 */
public final class RecordingTsa implements TSPSource {
    private static final long serialVersionUID = 1L;
    private final transient KeyEntityTSPSource tsa;
    private final transient List<Instant> issued = Collections.synchronizedList(new ArrayList<>());

    public RecordingTsa(TestPki pki) {
        tsa = new KeyEntityTSPSource(pki.tsa().key(), pki.tsa().certificate(),
                List.of(pki.tsa().certificate(), pki.root().certificate()));
        tsa.setTsaPolicy("1.3.6.1.4.1.59999.1.1");
    }

    @Override
    public TimestampBinary getTimeStampResponse(DigestAlgorithm digestAlgorithm, byte[] digest) {
        TimestampBinary token = tsa.getTimeStampResponse(digestAlgorithm, digest);
        try {
            issued.add(new TimeStampToken(new CMSSignedData(token.getBytes())).getTimeStampInfo().getGenTime().toInstant());
        } catch (Exception e) {
            throw new IllegalStateException("the TSA issued an unreadable token", e);
        }
        return token;
    }

    /** The time of every token issued so far, in order. */
    public List<Instant> issued() {
        synchronized (issued) {
            return List.copyOf(issued);
        }
    }
}
