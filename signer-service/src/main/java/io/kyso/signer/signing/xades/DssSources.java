package io.kyso.signer.signing.xades;

import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSRevocationUtils;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPSource;
import eu.europa.esig.dss.spi.x509.revocation.ocsp.OCSPToken;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.signing.RevocationData;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.Timestamp;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kyso's sources as EU DSS's, for one XAdES augmentation: timestamps from the configured authority,
 * each certificate's revocation data from its CA's OCSP responder or, if that fails, its CRL
 * ({@link io.kyso.signer.pki.RevocationDataFetcher}'s order). DSS asks the OCSP source first and the
 * CRL source when it gets nothing, so the OCSP source fetches for both and the CRL source hands over
 * a CRL fetched instead. DSS catches only its own exceptions around these calls: what Kyso's sources
 * throw reaches the caller as they threw it. Remembers every timestamp obtained, the newest last.
 * Not thread-safe: one augmentation. (DSS's interfaces are {@code Serializable}; this is never
 * serialized.)
 */
@SuppressWarnings("serial")
final class DssSources implements TSPSource, OCSPSource {
    private final transient LongTermSources sources;
    private final transient Map<X509Certificate, Optional<RevocationData>> fetched = new HashMap<>();
    private final transient List<Timestamp> timestamps = new ArrayList<>();

    DssSources(LongTermSources sources) {
        this.sources = sources;
    }

    Optional<Timestamp> newestTimestamp() {
        return timestamps.isEmpty() ? Optional.empty() : Optional.of(timestamps.get(timestamps.size() - 1));
    }

    @Override
    public TimestampBinary getTimeStampResponse(eu.europa.esig.dss.enumerations.DigestAlgorithm algorithm, byte[] digest) {
        Timestamp token = sources.timestamp(DigestAlgorithm.valueOf(algorithm.name()), digest);
        timestamps.add(token);
        return new TimestampBinary(token.der());
    }

    @Override
    public OCSPToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        Optional<RevocationData> evidence = fetch(certificate, issuer);
        if (evidence.isEmpty() || evidence.get().source() != RevocationData.Source.OCSP) {
            return null;
        }
        try {
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(evidence.get().der()).getResponseObject();
            OCSPToken token = new OCSPToken(basic, DSSRevocationUtils.getLatestSingleResponse(basic, certificate, issuer),
                    certificate, issuer);
            token.setExternalOrigin(RevocationOrigin.EXTERNAL);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OCSPException e) {
            throw new IllegalStateException("a checked OCSP answer no longer parses", e);
        }
    }

    /** The CRL source (DSS names its method as the OCSP source's, with another return type). */
    CRLSource crls() {
        return this::crl;
    }

    private CRLToken crl(CertificateToken certificate, CertificateToken issuer) {
        Optional<RevocationData> evidence = fetch(certificate, issuer);
        if (evidence.isEmpty() || evidence.get().source() != RevocationData.Source.CRL) {
            return null;
        }
        try {
            CRLToken token = new CRLToken(certificate, CRLUtils.buildCRLValidity(
                    CRLUtils.buildCRLBinary(evidence.get().der()), issuer));
            token.setExternalOrigin(RevocationOrigin.EXTERNAL);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<RevocationData> fetch(CertificateToken certificate, CertificateToken issuer) {
        if (issuer == null) {
            return Optional.empty();
        }
        return fetched.computeIfAbsent(certificate.getCertificate(),
                c -> sources.revocation(c, issuer.getCertificate()));
    }
}
