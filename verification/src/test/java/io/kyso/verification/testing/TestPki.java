package io.kyso.verification.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A small PKI for tests, made fresh with validity relative to now (nothing committed, nothing that
 * expires): a root CA, an issuing CA, a citizen's signing certificate and a timestamping authority's.
 * The certificates name the {@link RevocationServer}'s loopback addresses: the citizen's certificate its
 * OCSP responder and its issuing CA's CRL, the others the root's CRL. Revocation data are signed on
 * demand, with the current time, and say that nothing is revoked.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    /** A certificate and its private key. */
    public record Entity(X509Certificate certificate, PrivateKey key) {
    }

    private final Entity root;
    private final Entity issuing;
    private final Entity signer;
    private final Entity tsa;

    /** @param base the revocation server's address, e.g. {@code http://127.0.0.1:41234} */
    public TestPki(String base) {
        try {
            Instant now = Instant.now();
            KeyPair rootKeys = keys();
            root = new Entity(issue(name("Kyso Test Root CA"), rootKeys, name("Kyso Test Root CA"), rootKeys.getPrivate(),
                    null, now, ca(), null, null), rootKeys.getPrivate());
            KeyPair issuingKeys = keys();
            issuing = new Entity(certificate(name("Kyso Test Issuing CA"), issuingKeys, root, now, ca(), base + "/root.crl",
                    null), issuingKeys.getPrivate());
            KeyPair signerKeys = keys();
            signer = new Entity(certificate(new X500Name("C=VN,CN=Lê Thị Mai,UID=CCCD:001099012347"), signerKeys, issuing,
                    now, new Usage(false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),
                    base + "/issuing.crl", base), signerKeys.getPrivate());
            KeyPair tsaKeys = keys();
            tsa = new Entity(certificate(name("Kyso Test TSA"), tsaKeys, root, now,
                    new Usage(false, KeyUsage.digitalSignature, KeyPurposeId.id_kp_timeStamping), base + "/root.crl", null),
                    tsaKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test PKI", e);
        }
    }

    public Entity root() {
        return root;
    }

    public Entity issuing() {
        return issuing;
    }

    public Entity signer() {
        return signer;
    }

    public Entity tsa() {
        return tsa;
    }

    /** An empty CRL of {@code ca} (the root or the issuing CA) signed now, valid for a day. */
    public X509CRL crl(Entity ca) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder crl = new X509v2CRLBuilder(X500Name.getInstance(
                    ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(now));
            crl.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            crl.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            return new JcaX509CRLConverter().getCRL(crl.build(signer(ca.key())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the CRL", e);
        }
    }

    static ContentSigner signer(PrivateKey key) throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    }

    private record Usage(boolean ca, int keyUsage, KeyPurposeId extendedUsage) {
    }

    private static Usage ca() {
        return new Usage(true, KeyUsage.keyCertSign | KeyUsage.cRLSign, null);
    }

    private static X500Name name(String commonName) {
        return new X500Name("C=VN,O=Kyso Test,CN=" + commonName);
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, KeyPair keys, Entity issuer, Instant now, Usage usage,
                                               String crl, String ocspBase) throws Exception {
        return issue(subject, keys, X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                issuer.key(), issuer.certificate(), now, usage, crl, ocspBase);
    }

    /**
     * @param crl      the CRL distribution point; null for none
     * @param ocspBase the revocation server's address, for the OCSP responder and the issuer's certificate (AIA); null for none
     */
    private static X509Certificate issue(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                         X509Certificate issuerCertificate, Instant now, Usage usage, String crl,
                                         String ocspBase) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        if (issuerCertificate != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerCertificate));
        }
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(usage.ca()));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage.keyUsage()));
        if (usage.extendedUsage() != null) {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(usage.extendedUsage()));
        }
        if (crl != null) {
            GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crl));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(where), null, null)}));
        }
        if (ocspBase != null) {
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                    new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspBase + "/ocsp")),
                    new AccessDescription(AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspBase + "/issuing.crt"))}));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
    }
}
