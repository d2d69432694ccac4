package io.kyso.signer.pki;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import org.bouncycastle.asn1.x500.X500Name;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * An issuing CA whose key lives in the HSM: certifies citizens' keys and the service's own
 * (seal, timestamping unit, OCSP responder), records every serial it issues, and signs the CRL of
 * the certificates it revoked. Shared by the development CA and a CA the operator provisioned.
 */
final class HsmIssuingCa {
    private final HsmToken hsm;
    private final KeyEntry key;
    private final PkiConfiguration config;
    private final RevocationList revocations;
    private final IssuedCertificates issued;
    private final Clock clock;

    HsmIssuingCa(HsmToken hsm, KeyEntry key, PkiConfiguration config, RevocationList revocations,
                 IssuedCertificates issued, Clock clock) {
        this.hsm = hsm;
        this.key = key;
        this.config = config;
        this.revocations = revocations;
        this.issued = issued;
        this.clock = clock;
    }

    /** Certifies a new key for {@code subject}, for {@code purpose}, valid for {@code validity} at most. */
    ChainIssuer endEntityIssuer(X500Name subject, CertificatePurpose purpose, Duration validity) {
        return (publicKey, ownKey) -> {
            X509Certificate cert = CertificateFactory.endEntityCertificate(subject, publicKey, key.certificate(),
                    signer(hsm, key.alias()), key.spec(), clock.instant(), validity, purpose, config.endEntityPoints());
            issued.record(cert, purpose);
            return Stream.concat(Stream.of(cert), key.chain().stream()).toList();
        };
    }

    List<X509Certificate> chain() {
        return key.chain();
    }

    byte[] crl() {
        return revocations.currentCrl(key.certificate(), signer(hsm, key.alias()), key.spec(), true);
    }

    static DigestSigner signer(HsmToken hsm, String alias) {
        return (digest, scheme, value) -> hsm.signDigest(alias, digest, scheme, value);
    }
}
