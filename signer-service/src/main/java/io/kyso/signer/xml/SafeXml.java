package io.kyso.signer.xml;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way Kyso parses XML. A portal's document is untrusted input, so the parser refuses any
 * DOCTYPE (the root of XXE, entity expansion and DTD-based ID tricks), resolves nothing external,
 * and fails on the first error instead of printing it and carrying on.
 *
 * <p>The JDK's built-in parser is asked for explicitly ({@code newDefaultInstance}), so a parser
 * some test or library drags onto the class path cannot silently replace it and ignore a feature.
 */
public final class SafeXml {
    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings (e.g. an unusual encoding name) do not make a document unreadable
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private SafeXml() {
    }

    /** A namespace-aware builder that refuses DOCTYPEs and external resources. Not thread-safe: one per use. */
    static DocumentBuilder newDocumentBuilder() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            // unreachable while DOCTYPEs are refused; here so that no future change can make it fetch
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are never resolved");
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /** Parses a file with {@link #newDocumentBuilder()}. */
    public static Document parse(Path file) throws IOException, SAXException {
        try (InputStream in = Files.newInputStream(file)) {
            return newDocumentBuilder().parse(in);
        }
    }

    /** An empty document to build on (a detached signature). */
    public static Document newDocument() {
        return newDocumentBuilder().newDocument();
    }

    /**
     * Whether the parser stopped because the document has a DOCTYPE. The parser says so only in its
     * message; every translation of that message quotes the feature's URI, which no document content
     * can put there (element names cannot contain '/').
     */
    public static boolean isDoctypeRefusal(SAXParseException e) {
        return e.getMessage() != null && e.getMessage().contains(DISALLOW_DOCTYPE);
    }
}
