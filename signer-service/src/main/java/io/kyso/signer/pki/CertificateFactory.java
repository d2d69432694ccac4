package io.kyso.signer.pki;

import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.KeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
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
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Builds X.509 certificates signed by a key in the HSM. Validity is always relative to now. */
public final class CertificateFactory {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Tolerates clocks of relying parties that run a little behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private CertificateFactory() {
    }

    /**
     * A CA certificate; {@code points} says where its issuer publishes its certificate and the
     * revocation of it (null for a root, which nobody revokes).
     */
    static X509Certificate caCertificate(X500Name subject, PublicKey subjectKey, X500Name issuer,
                                         PublicKey issuerKey, DigestSigner issuerSigner, KeySpec issuerSpec,
                                         Instant now, Duration validity, int pathLength, PublicationPoints points) {
        try {
            X509v3CertificateBuilder builder = base(subject, subjectKey, issuer, issuerKey, now, validity);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            if (points != null) {
                addPublicationPoints(builder, points);
            }
            return sign(builder, issuerSigner, issuerSpec);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build CA certificate", e);
        }
    }

    /**
     * An end-entity certificate (a citizen, the service seal, the timestamping unit, the OCSP
     * responder), its usages from {@code purpose}, never valid beyond its issuer.
     */
    static X509Certificate endEntityCertificate(X500Name subject, PublicKey subjectKey, X509Certificate issuerCert,
                                                DigestSigner issuerSigner, KeySpec issuerSpec, Instant now,
                                                Duration validity, CertificatePurpose purpose, PublicationPoints points) {
        try {
            X500Name issuer = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
            Duration upToIssuer = Duration.between(now, issuerCert.getNotAfter().toInstant());
            X509v3CertificateBuilder builder = base(subject, subjectKey, issuer, issuerCert.getPublicKey(), now,
                    validity.compareTo(upToIssuer) < 0 ? validity : upToIssuer);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(purpose.keyUsage()));
            if (purpose.extendedKeyUsage() != null) {
                // critical: RFC 3161 requires it of a timestamping unit; for the OCSP responder it is
                // what makes the certificate good for nothing else
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose.extendedKeyUsage()));
            }
            if (purpose == CertificatePurpose.OCSP_RESPONDER) {
                // the responder's own status is not checked (RFC 6960 §4.2.2.2.1): it is short-lived instead
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        X509ObjectIdentifiers.id_ad_caIssuers, uri(points.issuerCertificateUrl())));
            } else {
                addPublicationPoints(builder, points);
            }
            return sign(builder, issuerSigner, issuerSpec);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build an end-entity certificate", e);
        }
    }

    private static void addPublicationPoints(X509v3CertificateBuilder builder, PublicationPoints points)
            throws CertIOException {
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(points.issuerCertificateUrl())),
                new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, uri(points.ocspUrl()))}));
        builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(points.crlUrl()));
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    private static CRLDistPoint distributionPoint(String url) {
        GeneralNames names = new GeneralNames(uri(url));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(names), null, null)});
    }

    private static X509v3CertificateBuilder base(X500Name subject, PublicKey subjectKey, X500Name issuer,
                                                 PublicKey issuerKey, Instant now, Duration validity)
            throws CertIOException {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKey));
            return builder;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, DigestSigner signer, KeySpec spec) {
        X509CertificateHolder holder = builder.build(new HsmContentSigner(signer, spec));
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("the HSM produced an unreadable certificate", e);
        }
    }

    /** A positive random serial of 127 bits, as CAs must use unpredictable serials. */
    static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }
}
