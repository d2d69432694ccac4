package io.kyso.verification.dss;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who a certificate names. Kyso's citizen certificates carry {@code CN=<full name>} and
 * {@code UID=CCCD:<12 digits>} (the citizen identity card number); other CAs' certificates may lack
 * either, which is not an error.
 */
public final class CertificateNames {
    private static final Pattern CCCD = Pattern.compile("CCCD:(\\d{12})");

    private CertificateNames() {
    }

    public static String commonName(X509Certificate certificate) {
        return first(certificate, BCStyle.CN);
    }

    /**
     * A distinguished name for people: most specific first (CN before C, as RFC 4514 prints), known
     * attribute types by name (UID, SERIALNUMBER, E…) and values as text, Vietnamese letters kept.
     */
    public static String readable(X500Principal principal) {
        RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(BCStyle.INSTANCE, reversed).toString();
    }

    /** The 12-digit CCCD of {@code UID=CCCD:<digits>}, or null. */
    public static String nationalId(X509Certificate certificate) {
        String uid = first(certificate, BCStyle.UID);
        if (uid == null) {
            return null;
        }
        Matcher m = CCCD.matcher(uid);
        return m.matches() ? m.group(1) : null;
    }

    private static String first(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String string ? string.getString() : value.toString();
    }
}
