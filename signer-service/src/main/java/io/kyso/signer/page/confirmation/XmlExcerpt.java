package io.kyso.signer.page.confirmation;

import io.kyso.signer.xml.SafeXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A short, readable excerpt of an XML document for the citizen: its root element and the first
 * elements that hold text, as {@code Name: text} lines. Parsed with {@link SafeXml}, like every XML
 * Kyso reads; nothing is ever rendered as markup.
 */
public final class XmlExcerpt {
    static final int MAX_LINES = 8;
    static final int MAX_LINE_CHARS = 80;

    /** @param root the root element's local name; @param lines up to {@value #MAX_LINES} lines */
    public record Excerpt(String root, List<String> lines) {
        public Excerpt {
            lines = List.copyOf(lines);
        }
    }

    private XmlExcerpt() {
    }

    public static Excerpt of(Path file) throws IOException {
        try {
            Element root = SafeXml.parse(file).getDocumentElement();
            List<String> lines = new ArrayList<>();
            collect(root, lines);
            return new Excerpt(root.getLocalName(), lines);
        } catch (SAXException e) {
            throw new IOException("an accepted XML document no longer parses", e);
        }
    }

    private static void collect(Element element, List<String> lines) {
        for (Node child = element.getFirstChild(); child != null && lines.size() < MAX_LINES;
             child = child.getNextSibling()) {
            if (child instanceof Element e) {
                if (isSignature(e)) {
                    continue;
                }
                String text = ownText(e);
                if (!text.isEmpty()) {
                    lines.add(shorten(e.getLocalName() + ": " + text));
                }
                collect(e, lines);
            }
        }
    }

    private static boolean isSignature(Element e) {
        return "http://www.w3.org/2000/09/xmldsig#".equals(e.getNamespaceURI());
    }

    private static String ownText(Element e) {
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return text.toString().strip().replaceAll("\\s+", " ");
    }

    private static String shorten(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS - 1) + "…";
    }
}
