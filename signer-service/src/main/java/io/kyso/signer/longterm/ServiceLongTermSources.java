package io.kyso.signer.longterm;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.pki.RevocationDataException;
import io.kyso.signer.pki.RevocationDataFetcher;
import io.kyso.signer.pki.RevocationEvidence;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.RevocationData;
import io.kyso.signer.signing.Timestamp;
import io.kyso.signer.timestamping.TimestampClient;
import io.kyso.signer.timestamping.TimestampToken;
import jakarta.inject.Singleton;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's sources for long-term signatures: the configured timestamping authority
 * ({@code kyso.timestamping.url}, Kyso's own in development) and the OCSP responders and CRLs the
 * certificates name. Their failures are the service's problems ({@code timestamp.*},
 * {@code revocation_data.*}, {@link RevokedCertificateException}). The answers about infrastructure
 * certificates (CAs, timestamping units), whose status changes rarely and whose CAs answer for an
 * hour at least, are reused for {@link #INFRASTRUCTURE_REUSE}, so a dossier's documents do not each
 * ask again; a signer's certificate is asked about for every signature. Thread-safe.
 */
@Singleton
public class ServiceLongTermSources implements LongTermSources {
    static final Duration INFRASTRUCTURE_REUSE = Duration.ofMinutes(5);
    private static final String TIMESTAMPING = "1.3.6.1.5.5.7.3.8";

    private final TimestampClient timestamps;
    private final RevocationDataFetcher revocations;
    private final Clock clock;
    private final ConcurrentHashMap<X509Certificate, Reusable> reusable = new ConcurrentHashMap<>();

    public ServiceLongTermSources(TimestampClient timestamps, RevocationDataFetcher revocations, Clock clock) {
        this.timestamps = timestamps;
        this.revocations = revocations;
        this.clock = clock;
    }

    private record Reusable(Optional<RevocationData> data, Instant until) {
    }

    @Override
    public Timestamp timestamp(DigestAlgorithm algorithm, byte[] digest) {
        TimestampToken token = timestamps.timestamp(algorithm, digest);
        return new Timestamp(token.der(), token.genTime(), token.certificates());
    }

    @Override
    public Optional<RevocationData> revocation(X509Certificate certificate, X509Certificate issuer) {
        Instant now = clock.instant();
        Reusable known = reusable.get(certificate);
        if (known != null && now.isBefore(known.until())) {
            return known.data();
        }
        Optional<RevocationData> data = revocations.forCertificateIfNamed(certificate, issuer)
                .map(ServiceLongTermSources::requireGood);
        if (isInfrastructure(certificate)) {
            reusable.put(certificate, new Reusable(data, now.plus(INFRASTRUCTURE_REUSE)));
        }
        return data;
    }

    private static RevocationData requireGood(RevocationEvidence evidence) {
        X509Certificate certificate = evidence.certificate();
        return switch (evidence.state()) {
            case GOOD -> new RevocationData(certificate, RevocationData.Source.valueOf(evidence.source().name()),
                    evidence.der(), evidence.thisUpdate());
            case REVOKED -> throw new RevokedCertificateException(certificate);
            case UNKNOWN -> throw RevocationDataException.unusable("The " + evidence.source() + " of "
                    + certificate.getIssuerX500Principal().getName() + " does not know the certificate "
                    + certificate.getSerialNumber().toString(16) + ".");
        };
    }

    /** A CA's or a timestamping unit's certificate: not a signer's. */
    private static boolean isInfrastructure(X509Certificate certificate) {
        try {
            return certificate.getBasicConstraints() >= 0 || (certificate.getExtendedKeyUsage() != null
                    && certificate.getExtendedKeyUsage().contains(TIMESTAMPING));
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
