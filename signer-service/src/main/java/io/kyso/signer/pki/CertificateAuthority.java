package io.kyso.signer.pki;

import io.kyso.hsm.ChainIssuer;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Issues citizens' (and the service seal's) certificates and publishes revocation. */
public interface CertificateAuthority {

    /** A chain issuer that certifies a freshly generated citizen key for {@code subject}. */
    ChainIssuer citizenIssuer(CitizenSubject subject);

    /**
     * A chain issuer that certifies the service's own seal key (evidence packages): an end-entity
     * certificate for Kyso itself, for digital signature and non-repudiation.
     */
    ChainIssuer sealIssuer();

    /** The CA certificates, issuing CA first, root last. */
    List<X509Certificate> caChain();

    /** The issuing CA's current CRL (citizens' certificates), DER-encoded. */
    byte[] crl();

    /** The root's current CRL (CA certificates), DER-encoded, when Kyso runs the root too. */
    Optional<byte[]> rootCrl();

    /** Revokes a certificate this CA issued; it appears on the next CRL. */
    void revoke(BigInteger serial, int reasonCode);
}
