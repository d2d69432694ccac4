package io.kyso.signer.pki;

import jakarta.inject.Singleton;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the revocation data of a certificate chain for a long-term signature (the B-LT level
 * embeds it): for each certificate but the last (the trust anchor), its OCSP responder's answer,
 * or, when it names none or the responder fails, its CRL. The URLs are the certificates' own, so
 * in production these are the issuing CA's services. Either every certificate gets checked data,
 * or a {@link RevocationDataException} says why not. Thread-safe.
 */
@Singleton
public class RevocationDataFetcher {
    private final OcspClient ocsp;
    private final CrlClient crls;

    public RevocationDataFetcher(OcspClient ocsp, CrlClient crls) {
        this.ocsp = ocsp;
        this.crls = crls;
    }

    /**
     * The revocation data of {@code chain} (end entity first, each certificate issued by the next),
     * one entry per certificate but the last, in chain order.
     */
    public List<RevocationEvidence> forChain(List<X509Certificate> chain) {
        List<RevocationEvidence> evidence = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            evidence.add(forCertificate(chain.get(i), chain.get(i + 1)));
        }
        return evidence;
    }

    /**
     * The revocation data of one certificate, or nothing if it names neither an OCSP responder nor
     * a CRL (a trust anchor, a responder with {@code id-pkix-ocsp-nocheck}).
     */
    public Optional<RevocationEvidence> forCertificateIfNamed(X509Certificate certificate, X509Certificate issuer) {
        if (!ocsp.hasResponder(certificate) && CertificateUrls.crls(certificate).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(forCertificate(certificate, issuer));
    }

    /** The revocation data of one certificate: OCSP first, the CRL if that fails. */
    public RevocationEvidence forCertificate(X509Certificate certificate, X509Certificate issuer) {
        if (!ocsp.hasResponder(certificate)) {
            return crls.check(certificate, issuer);
        }
        try {
            return ocsp.check(certificate, issuer);
        } catch (RevocationDataException ocspFailure) {
            try {
                return crls.check(certificate, issuer);
            } catch (RevocationDataException crlFailure) {
                crlFailure.addSuppressed(ocspFailure);
                throw crlFailure;
            }
        }
    }
}
