package io.kyso.signer.pki;

import io.kyso.hsm.ChainIssuer;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Issues citizens' certificates (and the service's own: seal, timestamping unit, OCSP responder) and publishes revocation. */
public interface CertificateAuthority {

    /** A chain issuer that certifies a freshly generated citizen key for {@code subject}. */
    ChainIssuer citizenIssuer(CitizenSubject subject);

    /**
     * A chain issuer that certifies the service's own seal key (evidence packages): an end-entity
     * certificate for Kyso itself, for digital signature and non-repudiation.
     */
    ChainIssuer sealIssuer();

    /**
     * A chain issuer that certifies a timestamping unit's key (RFC 3161): the critical
     * {@code id-kp-timeStamping} extended key usage, and nothing else; valid for {@code validity}
     * (never beyond the issuing CA).
     */
    ChainIssuer timestampingIssuer(java.time.Duration validity);

    /**
     * A chain issuer that certifies the delegated OCSP responder's key: {@code id-kp-OCSPSigning},
     * {@code id-pkix-ocsp-nocheck}, valid for {@code kyso.pki.ocsp-responder-validity}.
     */
    ChainIssuer ocspResponderIssuer();

    /**
     * The root's certificate and key when Kyso runs the root too (development): it answers OCSP
     * requests about the issuing CA's certificate.
     */
    Optional<CaKey> root();

    /** The CA certificates, issuing CA first, root last. */
    List<X509Certificate> caChain();

    /** The issuing CA's current CRL (citizens' certificates), DER-encoded. */
    byte[] crl();

    /** The root's current CRL (CA certificates), DER-encoded, when Kyso runs the root too. */
    Optional<byte[]> rootCrl();

    /** Revokes a certificate this CA issued; it appears on the next CRL and in OCSP answers at once. */
    void revoke(BigInteger serial, int reasonCode);
}
