package io.kyso.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells why DSS's secure parser refused an XML file: a DOCTYPE (refused by design, the door to XXE
 * and entity expansion) or a plain syntax error. Only names the cause; the refusal is DSS's, and
 * nothing here parses, resolves or expands anything.
 */
final class XmlProlog {
    private static final int PROLOG_BYTES = 64 * 1024;

    private XmlProlog() {
    }

    /** Whether {@code <!DOCTYPE} appears before the first element of the file. */
    static boolean declaresDoctype(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROLOG_BYTES);
        }
        String text = new String(head, charsetOf(head));
        int doctype = text.indexOf("<!DOCTYPE");
        return doctype >= 0 && doctype < firstElement(text);
    }

    private static int firstElement(String text) {
        for (int i = text.indexOf('<'); i >= 0 && i + 1 < text.length(); i = text.indexOf('<', i + 1)) {
            char next = text.charAt(i + 1);
            if (next != '?' && next != '!') {
                return i;
            }
        }
        return text.length();
    }

    private static Charset charsetOf(byte[] head) {
        if (head.length >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF || head[0] == 0 && head[1] == '<')) {
            return StandardCharsets.UTF_16BE;
        }
        if (head.length >= 2 && (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE || head[0] == '<' && head[1] == 0)) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.ISO_8859_1; // ASCII markup reads the same in UTF-8 and every 8-bit encoding
    }
}
