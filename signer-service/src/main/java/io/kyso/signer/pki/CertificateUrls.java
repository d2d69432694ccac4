package io.kyso.signer.pki;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP URLs a certificate names for its OCSP responder (AIA) and its CRL (distribution points). */
final class CertificateUrls {
    private CertificateUrls() {
    }

    static Optional<URI> ocsp(X509Certificate certificate) {
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(holder(certificate).getExtensions());
        if (aia == null) {
            return Optional.empty();
        }
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp)) {
                Optional<URI> url = http(description.getAccessLocation());
                if (url.isPresent()) {
                    return url;
                }
            }
        }
        return Optional.empty();
    }

    static List<URI> crls(X509Certificate certificate) {
        CRLDistPoint points = CRLDistPoint.fromExtensions(holder(certificate).getExtensions());
        List<URI> urls = new ArrayList<>();
        if (points != null) {
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        http(general).ifPresent(urls::add);
                    }
                }
            }
        }
        return urls;
    }

    private static Optional<URI> http(GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return Optional.empty();
        }
        String url = ASN1IA5String.getInstance(name.getName()).getString();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return Optional.empty(); // ldap:, file: and the like are not fetched
        }
        try {
            return Optional.of(URI.create(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JcaX509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
