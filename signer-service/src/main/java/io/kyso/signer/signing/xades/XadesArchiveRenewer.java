package io.kyso.signer.signing.xades;

import io.kyso.signer.signing.ArchiveRenewer;
import io.kyso.signer.signing.DocumentOptions.XmlPackaging;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.Timestamp;
import io.kyso.signer.xml.SafeXml;
import jakarta.inject.Singleton;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Renews a XAdES-BASELINE-LTA signature Kyso made: EU DSS adds the validation data of its
 * timestamps and a new ArchiveTimeStamp ({@link XadesAugmentation}); the renewed signature element
 * goes back into the original's unchanged bytes (enveloped) or into a signature file of its own
 * (detached), and is verified before it is handed on. Everything the signature held before stays in
 * it, as it was.
 */
@Singleton
public class XadesArchiveRenewer implements ArchiveRenewer {
    private final XadesAugmentation augmentation;

    public XadesArchiveRenewer(LongTermSources sources) {
        this.augmentation = new XadesAugmentation(sources);
    }

    @Override
    public boolean supports(String contentType) {
        return "application/xml".equals(contentType) || "text/xml".equals(contentType);
    }

    @Override
    public Timestamp renew(KeptSignature signed, Path output) throws IOException, GeneralSecurityException {
        boolean detached = signed.options().packaging() == XmlPackaging.DETACHED;
        Element signature = kysoSignature(parse(signed.signedFile()), detached);
        X509Certificate signer = signerOf(signature);
        DetachedOriginal original = detached ? new DetachedOriginal(signed.documentName(), signed.original()) : null;
        Placement placement = detached ? Placement.detached(original, signer)
                : Placement.enveloped(signed.original(), parse(signed.original()), signer);
        XadesAugmentation.Augmented renewed = augmentation.augment(signed.signedFile(), original,
                signature.getAttribute("Id"), SignatureLevel.B_LTA, signed.timestampDigest(), List.of(signer),
                signed.workDir());
        placement.write(renewed.signatureMarkup(), output);
        return renewed.newestTimestamp();
    }

    /** Kyso's signature: the root of a detached signature file, the root's last child when enveloped. */
    private static Element kysoSignature(Document doc, boolean detached) throws SignatureException {
        Element root = doc.getDocumentElement();
        Node candidate = detached ? root : root.getLastChild();
        while (candidate != null && candidate.getNodeType() != Node.ELEMENT_NODE) {
            candidate = candidate.getPreviousSibling();
        }
        if (!(candidate instanceof Element element) || !Constants.SignatureSpecNS.equals(element.getNamespaceURI())
                || !Constants._TAG_SIGNATURE.equals(element.getLocalName())) {
            throw new SignatureException("the signed XML has no ds:Signature where Kyso put it");
        }
        return element;
    }

    private static X509Certificate signerOf(Element signature) throws SignatureException {
        try {
            X509Certificate certificate = new XMLSignature(signature, "", true).getKeyInfo().getX509Certificate();
            if (certificate == null) {
                throw new SignatureException("the signature names no signing certificate");
            }
            return certificate;
        } catch (XMLSecurityException e) {
            throw new SignatureException("the signature's key info cannot be read", e);
        }
    }

    private static Document parse(Path file) throws IOException, SignatureException {
        try {
            return SafeXml.parse(file);
        } catch (SAXException e) {
            throw new SignatureException("a kept XML document no longer parses", e);
        }
    }
}
