package io.kyso.signer.pki;

import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Fetches the CRL a certificate names (its CRL distribution points, in order) and checks it before
 * anyone relies on it: a DER CRL of the certificate's issuer, signed by it, not past its next
 * update. Thread-safe.
 */
@Singleton
public class CrlClient {
    private final PkiHttp http;
    private final Clock clock;

    public CrlClient(RevocationFetchConfiguration config, Clock clock) {
        this.http = new PkiHttp(config.connectTimeout(), config.readTimeout(), config.maxCrlBytes());
        this.clock = clock;
    }

    /** The checked CRL that covers {@code certificate}, and what it says of it. */
    public RevocationEvidence check(X509Certificate certificate, X509Certificate issuer) {
        List<URI> urls = CertificateUrls.crls(certificate);
        if (urls.isEmpty()) {
            throw new RevocationDataException.Invalid("The certificate names no CRL distribution point.", null);
        }
        RevocationDataException last = null;
        for (URI url : urls) {
            try {
                return read(fetch(url), url, certificate, issuer);
            } catch (RevocationDataException e) {
                last = e; // the next distribution point may answer
            }
        }
        throw last;
    }

    private byte[] fetch(URI url) {
        PkiHttp.Answer answer;
        try {
            answer = http.get(url);
        } catch (IOException e) {
            throw new RevocationDataException.Unavailable("The CRL at " + url + " could not be fetched ("
                    + e.getMessage() + ").", e);
        }
        if (answer.status() / 100 == 5 || answer.status() == 429) {
            throw new RevocationDataException.Unavailable("The CRL server " + url + " answered HTTP " + answer.status() + ".",
                    null);
        }
        if (answer.status() != 200) {
            throw new RevocationDataException.Invalid("The CRL server " + url + " answered HTTP " + answer.status() + ".", null);
        }
        return answer.body();
    }

    private RevocationEvidence read(byte[] der, URI url, X509Certificate certificate, X509Certificate issuer) {
        X509CRL crl;
        try {
            crl = (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw invalid(url, "is not a CRL", e);
        }
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw invalid(url, "is another CA's", null);
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw invalid(url, "is not signed by the certificate's issuer", e);
        }
        Instant now = clock.instant();
        if (crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(now.minus(OcspClient.CLOCK_SKEW))) {
            throw invalid(url, "is out of date", null);
        }
        RevocationEvidence.State state = crl.getRevokedCertificate(certificate) == null
                ? RevocationEvidence.State.GOOD : RevocationEvidence.State.REVOKED;
        return new RevocationEvidence(certificate, RevocationEvidence.Source.CRL, der, state,
                crl.getThisUpdate().toInstant());
    }

    private static RevocationDataException.Invalid invalid(URI url, String what, Throwable cause) {
        return new RevocationDataException.Invalid("The CRL at " + url + " " + what + ".", cause);
    }
}
