package io.kyso.signer.testing;

import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.SignerProperties;
import io.kyso.hsm.ChainIssuer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A two-level software PKI for signing tests: a self-signed CA (the trust anchor) issuing end-entity
 * certificates, and its CRL. Validity is relative to now (notBefore five minutes ago), so nothing
 * expires; the extensions are those EU DSS's default policy looks at (key usages, key identifiers).
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /** A signer whose key is in software, with its chain, end entity first. */
    public record SoftwareSigner(PrivateKey privateKey, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** Adds a PAdES-BASELINE-B signature in field {@code fieldName} with iText (an officer's, another CA's). */
        public byte[] signPdf(byte[] pdf, String fieldName) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new PdfPadesSigner(new PdfReader(new ByteArrayInputStream(pdf)), out).signWithBaselineBProfile(
                        new SignerProperties().setFieldName(fieldName).setReason("Tiếp nhận hồ sơ"),
                        chain.toArray(new Certificate[0]), privateKey);
                return out.toByteArray();
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign the test PDF", e);
            }
        }
    }

    /** A CA whose key is in software. */
    public record Ca(X509Certificate certificate, KeyPair key, X500Name subject) {

        public static Ca create(String commonName) {
            X500Name subject = x500(commonName);
            KeyPair key = ecKey();
            return new Ca(issue(subject, key.getPublic(), subject, key, true), key, subject);
        }

        /** Issues an end-entity certificate to a key generated elsewhere (in the HSM): chain {@code [entity, ca]}. */
        public ChainIssuer issuing(String commonName) {
            return (publicKey, ownKey) -> List.of(
                    issue(x500(commonName), publicKey, subject, key, false), certificate);
        }

        /** Issues a subordinate CA certificate to a key generated in the HSM: chain {@code [subordinate, ca]}. */
        public ChainIssuer issuingCa(String commonName) {
            return (publicKey, ownKey) -> List.of(issue(x500(commonName), publicKey, subject, key, true), certificate);
        }

        /** A key pair in software with an end-entity certificate from this CA. */
        public SoftwareSigner softwareSigner(String commonName) {
            KeyPair entity = ecKey();
            return new SoftwareSigner(entity.getPrivate(),
                    List.of(issue(x500(commonName), entity.getPublic(), subject, key, false), certificate));
        }

        /** A CRL revoking nothing, valid for a day from {@code thisUpdate}. */
        public byte[] crl(Instant thisUpdate) {
            try {
                X509v2CRLBuilder builder = new X509v2CRLBuilder(subject, Date.from(thisUpdate));
                builder.setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(1))));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
                builder.addExtension(Extension.cRLNumber, false,
                        new CRLNumber(BigInteger.valueOf(thisUpdate.toEpochMilli())));
                return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                        .getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the test CRL", e);
            }
        }
    }

    private static X509Certificate issue(X500Name subject, PublicKey subjectKey, X500Name issuer,
                                               KeyPair issuerKey, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(127, RANDOM).setBit(126), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(ca ? 3650 : 365))), subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuerKey.getPublic()));
            builder.addExtension(Extension.basicConstraints, true,
                    ca ? new BasicConstraints(subject.equals(issuer) ? 1 : 0) : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the test certificate " + subject, e);
        }
    }

    private static X500Name x500(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
