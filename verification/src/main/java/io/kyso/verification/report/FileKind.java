package io.kyso.verification.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file is, from its first bytes, never from its name: a name is whatever the uploader typed.
 * A PDF has {@code %PDF-} in its first kilobyte (readers tolerate a little junk before it); an XML
 * document starts, after an optional byte order mark and white space, with {@code <}.
 */
public enum FileKind {
    PDF, XML, OTHER;

    private static final int HEAD = 1024;
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    public static FileKind of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in.readNBytes(HEAD));
        }
    }

    static FileKind of(byte[] head) {
        if (indexOf(head, PDF_MAGIC) >= 0) {
            return PDF;
        }
        return looksLikeXml(head) ? XML : OTHER;
    }

    private static boolean looksLikeXml(byte[] head) {
        int i = 0;
        int step = 1;
        int offset = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            i = 3;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            i = 2;
            step = 2;
            offset = 1;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            i = 2;
            step = 2;
        } else if (startsWith(head, 0x00, '<') || startsWith(head, '<', 0x00)) {
            step = 2;
            offset = head[0] == 0 ? 1 : 0;
        }
        for (; i + offset < head.length; i += step) {
            byte b = head[i + offset];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '<';
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
