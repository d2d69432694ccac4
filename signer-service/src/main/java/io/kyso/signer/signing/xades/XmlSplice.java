package io.kyso.signer.signing.xades;

import org.w3c.dom.Document;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an enveloped signature into a copy of the original by inserting its markup just before the
 * root element's end tag. The original is never re-serialized, so every byte of it (declaration,
 * encoding, attribute quotes, character references, line ends) reaches the citizen unchanged; a
 * DOM round trip would rewrite all of those.
 *
 * <p>The insertion point is found by walking back from the end over what may follow the root
 * (white space, comments, processing instructions) to the root's end tag. Only if the root is an
 * empty-element tag ({@code <root/>}) is that tag rewritten into a start and end tag.
 */
final class XmlSplice {

    private XmlSplice() {
    }

    /**
     * @param parsed the original as parsed, for its encoding and root element name
     * @param markup the element to insert, ASCII-only or encodable in the original's encoding
     */
    static void insertAsLastChildOfRoot(Path original, Document parsed, String markup, Path output)
            throws IOException {
        byte[] bytes = Files.readAllBytes(original);
        Charset charset = charsetOf(parsed, bytes);
        String text = new String(bytes, charset);
        String rootName = parsed.getDocumentElement().getTagName();
        int rootEnd = endOfRoot(text);
        boolean emptyRoot = text.startsWith("/>", rootEnd - 2);
        int cut = emptyRoot ? rootEnd - 2 : startOfEndTag(text, rootEnd, rootName);
        int resume = emptyRoot ? rootEnd : cut;
        String insertion = emptyRoot ? ">" + markup + "</" + rootName + ">" : markup;
        try (OutputStream out = Files.newOutputStream(output)) {
            out.write(bytes, 0, byteOffset(bytes, text, cut, charset));
            out.write(insertion.getBytes(charset));
            int from = byteOffset(bytes, text, resume, charset);
            out.write(bytes, from, bytes.length - from);
        }
    }

    /** Counted from the end: only the short tail is re-encoded, never the body of the document. */
    private static int byteOffset(byte[] bytes, String text, int charIndex, Charset charset) {
        return bytes.length - text.substring(charIndex).getBytes(charset).length;
    }

    /** The index just after the root element's last '>' (white space, comments and PIs skipped). */
    private static int endOfRoot(String text) throws IOException {
        int end = text.length();
        while (true) {
            while (end > 0 && isXmlSpace(text.charAt(end - 1))) {
                end--;
            }
            if (text.startsWith("-->", end - 3)) {
                end = text.lastIndexOf("<!--", end - 3);
            } else if (text.startsWith("?>", end - 2)) {
                end = text.lastIndexOf("<?", end - 2);
            } else {
                break;
            }
            if (end < 0) {
                throw new IOException("cannot find the end of the root element");
            }
        }
        if (end == 0 || text.charAt(end - 1) != '>') {
            throw new IOException("cannot find the end of the root element");
        }
        return end;
    }

    /** The index of {@code </rootName} whose tag ends just before {@code end}. */
    private static int startOfEndTag(String text, int end, String rootName) throws IOException {
        String open = "</" + rootName;
        int start = text.lastIndexOf(open, end - 1);
        if (start < 0 || !text.substring(start + open.length(), end - 1).isBlank()) {
            throw new IOException("cannot find the root element's end tag");
        }
        return start;
    }

    /**
     * The encoding the parser read the document in. UTF-16 is pinned to the byte order of the BOM
     * (decoding with an explicit order keeps the BOM as U+FEFF, so offsets stay aligned).
     */
    private static Charset charsetOf(Document parsed, byte[] bytes) {
        String name = parsed.getInputEncoding();
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        if (name.equalsIgnoreCase("UTF-16")) {
            boolean littleEndian = bytes.length > 1 && (bytes[0] == (byte) 0xFF || bytes[1] == 0);
            return littleEndian ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
        }
        return Charset.forName(name);
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
