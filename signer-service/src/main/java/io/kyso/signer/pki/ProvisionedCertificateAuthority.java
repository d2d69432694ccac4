package io.kyso.signer.pki;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.HsmToken;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A production issuing CA: its key and certificate chain were put in the HSM by the operator (key
 * generated in the HSM, certificate issued by the national or provincial root from a CSR, stored
 * under one label), and {@code kyso.pki.issuing-ca-alias} names it. Kyso certifies citizens' keys
 * and publishes the CRL with it; the root's revocation list is its operator's business.
 */
@Singleton
@Requires(property = "kyso.pki.issuing-ca-alias")
@Requires(property = "kyso.pki.dev-ca", notEquals = "true")
public class ProvisionedCertificateAuthority implements CertificateAuthority {
    private final HsmToken hsm;
    private final String alias;
    private final PkiConfiguration config;
    private final RevocationList revocations;
    private final IssuedCertificates issued;
    private final Clock clock;
    private volatile HsmIssuingCa ca;

    public ProvisionedCertificateAuthority(HsmToken hsm, @Value("${kyso.pki.issuing-ca-alias}") String alias,
                                           PkiConfiguration config, RevocationList revocations,
                                           IssuedCertificates issued, Clock clock) {
        this.hsm = hsm;
        this.alias = alias;
        this.config = config;
        this.revocations = revocations;
        this.issued = issued;
        this.clock = clock;
    }

    private HsmIssuingCa ca() {
        HsmIssuingCa current = ca;
        if (current == null) {
            current = new HsmIssuingCa(hsm, hsm.find(alias).orElseThrow(() -> new ConfigurationException(
                    "kyso.pki.issuing-ca-alias: the HSM token holds no key '" + alias + "' with a certificate chain")),
                    config, revocations, issued, clock);
            ca = current;
        }
        return current;
    }

    @Override
    public ChainIssuer citizenIssuer(CitizenSubject subject) {
        return ca().endEntityIssuer(subject.toX500Name(), CertificatePurpose.CITIZEN, config.citizenValidity());
    }

    /** The service's evidence seal, certified by the issuing CA like a citizen. */
    @Override
    public ChainIssuer sealIssuer() {
        return ca().endEntityIssuer(name("Kyso Evidence Seal"), CertificatePurpose.SEAL, config.citizenValidity());
    }

    /**
     * A timestamping unit certified by the issuing CA. Kyso runs no timestamping authority in
     * production (a licensed one is configured, {@code kyso.timestamping.url}); this exists so an
     * operator's own test deployment can.
     */
    @Override
    public ChainIssuer timestampingIssuer(java.time.Duration validity) {
        return ca().endEntityIssuer(name("Kyso Timestamping Unit"), CertificatePurpose.TIMESTAMPING, validity);
    }

    @Override
    public ChainIssuer ocspResponderIssuer() {
        return ca().endEntityIssuer(name("Kyso OCSP Responder"), CertificatePurpose.OCSP_RESPONDER,
                config.ocspResponderValidity());
    }

    /** The root is the national one: its operator answers for the issuing CA. */
    @Override
    public Optional<CaKey> root() {
        return Optional.empty();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.CN, commonName).build();
    }

    @Override
    public List<X509Certificate> caChain() {
        return ca().chain();
    }

    @Override
    public byte[] crl() {
        return ca().crl();
    }

    @Override
    public Optional<byte[]> rootCrl() {
        return Optional.empty();
    }

    @Override
    public void revoke(BigInteger serial, int reasonCode) {
        revocations.revoke(serial, reasonCode);
    }
}
