package io.kyso.signer.pki;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Kyso's own seal: a key in the HSM (alias {@value #ALIAS}, generated on first use, never
 * exportable), certified by the service's CA, that signs what the service vouches for, such as an
 * evidence package's manifest. Signatures are detached CMS in the CAdES-BASELINE-B profile (signing
 * time, signing-certificate-v2), which EU DSS and {@code openssl cms -verify} both check; every one is
 * verified with the seal's public key before it leaves. Thread-safe.
 */
@Singleton
public class ServiceSeal {
    public static final String ALIAS = "kyso-seal";
    private final HsmToken hsm;
    private final CertificateAuthority ca;
    private final IssuedCertificates issued;
    private final Clock clock;
    private volatile KeyEntry key;

    public ServiceSeal(HsmToken hsm, CertificateAuthority ca, IssuedCertificates issued, Clock clock) {
        this.hsm = hsm;
        this.ca = ca;
        this.issued = issued;
        this.clock = clock;
    }

    /** The seal's certificate chain, seal first. */
    public List<X509Certificate> chain() {
        return key().chain();
    }

    /** A detached CAdES-BASELINE-B signature (DER CMS SignedData) over {@code content}. */
    public byte[] signDetached(byte[] content) throws SignatureException {
        KeyEntry entry = key();
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes(entry.certificate())))
                    .build(new HsmContentSigner(sealKey(), entry.spec()), entry.certificate()));
            generator.addCertificates(new JcaCertStore(entry.chain()));
            byte[] cms = generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
            requireValid(cms, content, entry.certificate());
            return cms;
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new SignatureException("cannot seal", e);
        }
    }

    /** Signing time from the service's clock, and the certificate bound by digest and issuer/serial (ESS v2). */
    private AttributeTable signedAttributes(X509Certificate certificate) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))), certificate.getSerialNumber());
        Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(hash, issuerSerial)})));
        Attribute signingTime = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant()))));
        return new AttributeTable(new DERSet(new Attribute[] {signingCertificate, signingTime}));
    }

    private static void requireValid(byte[] cms, byte[] content, X509Certificate certificate)
            throws CMSException, OperatorCreationException, SignatureException {
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
            throw new SignatureException("the seal's signature does not verify");
        }
    }

    private DigestSigner sealKey() {
        return (DigestAlgorithm digest, SignatureScheme scheme, byte[] value) -> hsm.signDigest(ALIAS, digest, scheme, value);
    }

    /**
     * Found in the HSM, or generated there once and certified by the CA. A seal certified before the
     * CA recorded its serials is recorded now, so the OCSP responder answers "good" for it.
     */
    private KeyEntry key() {
        KeyEntry entry = key;
        if (entry == null) {
            synchronized (this) {
                if (key == null) {
                    KeyEntry found = hsm.find(ALIAS).orElseGet(() -> hsm.generate(ALIAS, KeySpec.EC_P256, ca.sealIssuer()));
                    issued.recordIfAbsent(found.certificate(), CertificatePurpose.SEAL);
                    key = found;
                }
                entry = key;
            }
        }
        return entry;
    }
}
