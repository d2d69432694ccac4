package io.kyso.signer.signing.xades;

import io.kyso.signer.xml.SafeXml;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SignatureException;
import java.security.cert.X509Certificate;

/**
 * Reads a signed output back as a validator would (through {@link SafeXml}, Santuario's secure
 * validation on) and refuses to hand it over unless the signature and every reference verify.
 */
final class XadesSelfCheck {

    private XadesSelfCheck() {
    }

    /**
     * @param detached the original, if {@code signatureFile} is a detached signature; null if enveloped
     *                 (the signature is then the root's last child)
     */
    static void requireValid(Path signatureFile, DetachedOriginal detached, X509Certificate signer)
            throws IOException, SignatureException {
        try {
            Document doc = SafeXml.parse(signatureFile);
            Element root = doc.getDocumentElement();
            Element element = detached != null ? root : lastElementChild(root);
            if (element == null || !Constants.SignatureSpecNS.equals(element.getNamespaceURI())
                    || !Constants._TAG_SIGNATURE.equals(element.getLocalName())) {
                throw new SignatureException("the signed XML has no ds:Signature where it was put");
            }
            registerSignedPropertiesIds(element);
            XMLSignature signature = new XMLSignature(element, "", true);
            if (detached != null) {
                signature.addResourceResolver(detached.resolver());
            }
            if (!signature.checkSignatureValue(signer)) {
                throw new SignatureException("the signed XML does not verify");
            }
        } catch (SAXException e) {
            throw new SignatureException("the signed XML cannot be read back", e);
        } catch (XMLSecurityException e) {
            throw new SignatureException("the signed XML does not verify", e);
        }
    }

    /** A parser without a schema knows no ID attributes; XAdES's SignedProperties/@Id is one. */
    private static void registerSignedPropertiesIds(Element signature) {
        NodeList properties = signature.getElementsByTagNameNS(XadesProperties.XADES_NS, "SignedProperties");
        for (int i = 0; i < properties.getLength(); i++) {
            ((Element) properties.item(i)).setIdAttributeNS(null, "Id", true);
        }
    }

    private static Element lastElementChild(Element parent) {
        for (Node node = parent.getLastChild(); node != null; node = node.getPreviousSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) node;
            }
        }
        return null;
    }
}
