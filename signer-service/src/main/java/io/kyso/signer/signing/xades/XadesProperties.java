package io.kyso.signer.signing.xades;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.utils.Constants;
import org.apache.xml.security.utils.ElementProxy;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The signed qualifying properties of a XAdES-BASELINE-B signature (ETSI EN 319 132-1): signing
 * time, the signing certificate (v2: SHA-256 digest and DER IssuerSerial, as the standard requires
 * instead of v1's issuer name string, which validators compare unreliably) and the format of the
 * signed data object.
 *
 * @param signatureId     the ds:Signature's Id, the properties' Target
 * @param propertiesId    the SignedProperties' Id, which a ds:Reference points to
 * @param dataReferenceId the Id of the ds:Reference to the signed document
 * @param mimeType        the signed document's media type
 */
record XadesProperties(String signatureId, String propertiesId, String dataReferenceId, Instant signingTime,
                       X509Certificate signingCertificate, String mimeType) {
    static final String XADES_NS = "http://uri.etsi.org/01903/v1.3.2#";
    static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";

    /** Builds {@code xades:QualifyingProperties} in {@code doc}, its SignedProperties Id registered as an ID. */
    Element build(Document doc) {
        Element qualifying = xades(doc, "QualifyingProperties");
        qualifying.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xades", XADES_NS);
        qualifying.setAttributeNS(null, "Target", "#" + signatureId);
        Element signed = child(qualifying, "SignedProperties");
        signed.setAttributeNS(null, "Id", propertiesId);
        signed.setIdAttributeNS(null, "Id", true);

        Element signature = child(signed, "SignedSignatureProperties");
        child(signature, "SigningTime").setTextContent(xsdDateTime(signingTime));
        signature.appendChild(signingCertificateV2(doc));

        Element format = child(child(signed, "SignedDataObjectProperties"), "DataObjectFormat");
        format.setAttributeNS(null, "ObjectReference", "#" + dataReferenceId);
        child(format, "MimeType").setTextContent(mimeType);
        return qualifying;
    }

    private Element signingCertificateV2(Document doc) {
        Element v2 = xades(doc, "SigningCertificateV2");
        Element cert = child(v2, "Cert");
        Element certDigest = child(cert, "CertDigest");
        Element method = ds(doc, Constants._TAG_DIGESTMETHOD);
        method.setAttributeNS(null, Constants._ATT_ALGORITHM, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
        certDigest.appendChild(method);
        Element value = ds(doc, Constants._TAG_DIGESTVALUE);
        value.setTextContent(base64(sha256(der(signingCertificate))));
        certDigest.appendChild(value);
        child(cert, "IssuerSerialV2").setTextContent(base64(issuerSerial(signingCertificate)));
        return v2;
    }

    /** RFC 5035 IssuerSerial: the issuer as a directoryName GeneralName, and the serial number. */
    private static byte[] issuerSerial(X509Certificate certificate) {
        X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
        try {
            return new IssuerSerial(new GeneralNames(new GeneralName(issuer)), certificate.getSerialNumber())
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTC, whole seconds: what xsd:dateTime readers agree on. */
    private static String xsdDateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Element child(Element parent, String localName) {
        Element child = xades(parent.getOwnerDocument(), localName);
        parent.appendChild(child);
        return child;
    }

    private static Element xades(Document doc, String localName) {
        return doc.createElementNS(XADES_NS, "xades:" + localName);
    }

    /** Uses Santuario's prefix for XML-DSig, which it declares on ds:Signature. */
    private static Element ds(Document doc, String localName) {
        String prefix = ElementProxy.getDefaultPrefix(Constants.SignatureSpecNS);
        String name = prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
        return doc.createElementNS(Constants.SignatureSpecNS, name);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the signing certificate cannot be encoded", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
