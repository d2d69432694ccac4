package io.kyso.signer.intake;

import io.kyso.signer.xml.SafeXml;
import io.kyso.signer.problem.ErrorCode;
import jakarta.inject.Singleton;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides whether an XML document may be signed: it must be well-formed, valid text in its declared
 * encoding, and declare no DTD (see {@link SafeXml}). Returns the root element's name, which tells
 * the citizen what kind of document they are about to sign.
 */
@Singleton
public class XmlInspector {

    /**
     * @param rootElement the local name of the document element, e.g. {@code ToKhai}
     * @param signed      whether the document already carries an XML signature
     */
    public record XmlSummary(String rootElement, boolean signed) {
    }

    private static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    public XmlSummary inspect(Path file) throws DocumentRejectedException {
        requireContent(file);
        try {
            Document document = SafeXml.parse(file);
            Element root = document.getDocumentElement();
            if (root == null) {
                throw malformed("it has no root element", null);
            }
            return new XmlSummary(root.getLocalName(),
                    document.getElementsByTagNameNS(XMLDSIG, "Signature").getLength() > 0);
        } catch (SAXParseException e) {
            throw rejection(e);
        } catch (CharConversionException e) {
            throw wrongEncoding(e);
        } catch (SAXException | IOException e) {
            throw malformed("it is not readable XML", e);
        }
    }

    private static DocumentRejectedException rejection(SAXParseException e) {
        if (SafeXml.isDoctypeRefusal(e)) {
            return new DocumentRejectedException(ErrorCode.DOCUMENT_DTD_FORBIDDEN,
                    "it declares a DTD (<!DOCTYPE ...>), which can make a reader fetch other files or expand"
                            + " text without limit; send it without the DOCTYPE", e);
        }
        if (e.getCause() instanceof CharConversionException cause) {
            return wrongEncoding(cause);
        }
        return malformed("it is not well-formed XML (line " + e.getLineNumber() + ", column "
                + e.getColumnNumber() + ")", e);
    }

    private static DocumentRejectedException wrongEncoding(CharConversionException e) {
        return malformed("its bytes are not valid text in its declared encoding"
                + " (UTF-8 unless the XML declaration names another)", e);
    }

    private static void requireContent(Path file) throws DocumentRejectedException {
        try {
            if (Files.size(file) == 0) {
                throw malformed("it is empty", null);
            }
        } catch (IOException e) {
            throw malformed("it cannot be read", e);
        }
    }

    private static DocumentRejectedException malformed(String reason, Exception cause) {
        return new DocumentRejectedException(ErrorCode.DOCUMENT_MALFORMED, reason, cause);
    }
}
