package io.kyso.signer.pki;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.HsmException;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The development PKI: a root CA and an issuing CA whose keys are created in the HSM on first use,
 * with validity relative to that moment, and kept there (so a restart keeps the same CA). Nothing
 * of it is committed. Refused outside the {@code dev} environment.
 */
@Singleton
@Requires(property = "kyso.pki.dev-ca", value = "true")
public class DevCertificateAuthority implements CertificateAuthority, ApplicationEventListener<StartupEvent> {
    static final String ROOT_ALIAS = "kyso-dev-root-ca";
    static final String ISSUING_ALIAS = "kyso-dev-issuing-ca";
    private static final Logger LOG = LoggerFactory.getLogger(DevCertificateAuthority.class);
    private static final KeySpec CA_KEY = KeySpec.EC_P256;


    private final HsmToken hsm;
    private final PkiConfiguration config;
    private final RevocationList revocations;
    private final IssuedCertificates issued;
    private final Clock clock;
    private volatile HsmIssuingCa issuing;

    public DevCertificateAuthority(HsmToken hsm, PkiConfiguration config, RevocationList revocations,
                                   IssuedCertificates issued, Clock clock) {
        this.hsm = hsm;
        this.config = config;
        this.revocations = revocations;
        this.issued = issued;
        this.clock = clock;
    }

    /** Creates the hierarchy at start-up, so the first run leaves a complete PKI in the data folder. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            issuing();
        } catch (HsmException e) {
            LOG.warn("Development CA not ready ({}); it is created when the HSM answers", e.getMessage());
        }
    }

    @Override
    public ChainIssuer citizenIssuer(CitizenSubject subject) {
        return issuing().endEntityIssuer(subject.toX500Name(), CertificatePurpose.CITIZEN, config.citizenValidity());
    }

    @Override
    public ChainIssuer sealIssuer() {
        return issuing().endEntityIssuer(caName("Kyso Evidence Seal"), CertificatePurpose.SEAL, config.citizenValidity());
    }

    @Override
    public ChainIssuer timestampingIssuer(Duration validity) {
        return issuing().endEntityIssuer(caName("Kyso Development Timestamping Unit"), CertificatePurpose.TIMESTAMPING,
                validity);
    }

    @Override
    public ChainIssuer ocspResponderIssuer() {
        return issuing().endEntityIssuer(caName("Kyso Development OCSP Responder"), CertificatePurpose.OCSP_RESPONDER,
                config.ocspResponderValidity());
    }

    @Override
    public Optional<CaKey> root() {
        List<X509Certificate> chain = issuing().chain();
        return Optional.of(new CaKey(chain.get(chain.size() - 1), HsmIssuingCa.signer(hsm, ROOT_ALIAS), CA_KEY));
    }

    @Override
    public List<X509Certificate> caChain() {
        return issuing().chain();
    }

    @Override
    public byte[] crl() {
        return issuing().crl();
    }

    @Override
    public Optional<byte[]> rootCrl() {
        List<X509Certificate> chain = issuing().chain();
        return Optional.of(revocations.currentCrl(chain.get(chain.size() - 1),
                HsmIssuingCa.signer(hsm, ROOT_ALIAS), CA_KEY, false));
    }

    @Override
    public void revoke(BigInteger serial, int reasonCode) {
        revocations.revoke(serial, reasonCode);
    }

    private HsmIssuingCa issuing() {
        HsmIssuingCa ca = issuing;
        if (ca == null) {
            synchronized (this) {
                if (issuing == null) {
                    issuing = new HsmIssuingCa(hsm, hsm.find(ISSUING_ALIAS).orElseGet(this::createHierarchy), config,
                            revocations, issued, clock);
                }
                ca = issuing;
            }
        }
        return ca;
    }

    private KeyEntry createHierarchy() {
        LOG.info("Creating the development CA in the HSM (root and issuing CA, validity from now)");
        X500Name rootName = caName("Kyso Development Root CA");
        KeyEntry root = hsm.find(ROOT_ALIAS).orElseGet(() -> hsm.generate(ROOT_ALIAS, CA_KEY, (publicKey, ownKey) ->
                List.of(CertificateFactory.caCertificate(rootName, publicKey, rootName, publicKey, ownKey, CA_KEY,
                        clock.instant(), Duration.ofDays(3650), 1, null))));
        X500Name issuingName = caName("Kyso Development Issuing CA");
        return hsm.generate(ISSUING_ALIAS, CA_KEY, (publicKey, ownKey) -> Stream.concat(Stream.of(
                CertificateFactory.caCertificate(issuingName, publicKey, rootName, root.publicKey(),
                        HsmIssuingCa.signer(hsm, ROOT_ALIAS), CA_KEY, clock.instant(), Duration.ofDays(1825), 0,
                        config.issuingCaPoints())), root.chain().stream()).toList());
    }

    private static X500Name caName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "VN")
                .addRDN(BCStyle.O, "Kyso (development only)")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }
}
