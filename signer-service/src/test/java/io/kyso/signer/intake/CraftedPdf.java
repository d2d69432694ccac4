package io.kyso.signer.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PDF written byte by byte, as an attacker would: objects in any layout, text the table does not
 * know, and a cross-reference table that points exactly where the test says. Offsets count from the
 * file's first byte.
 */
final class CraftedPdf {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Integer, Long> table = new TreeMap<>();
    private long previousSection = -1;
    private int highest;

    private CraftedPdf() {
    }

    /** A file that starts with {@code prefix} (normally the header). */
    static CraftedPdf startingWith(String prefix) {
        return new CraftedPdf().text(prefix);
    }

    /** A one-page document (objects 1 to 4: catalog, pages, page, content), as a start. */
    static CraftedPdf onePage() {
        return startingWith("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n")
                .object(1, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
                .object(2, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
                .object(3, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>\nendobj\n")
                .object(4, stream(4, "BT /F1 12 Tf 20 100 Td (Original) Tj ET"));
    }

    /** A content stream object with {@code content}, uncompressed. */
    static String stream(int number, String content) {
        return number + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream\nendobj\n";
    }

    /** Writes {@code text}, the definition of object {@code number}: the table points here. */
    CraftedPdf object(int number, String text) {
        table.put(number, (long) out.size());
        highest = Math.max(highest, number);
        return text(text);
    }

    /** Writes {@code text} where the table does not point. */
    CraftedPdf text(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** Ends a revision: its cross-reference section (every object pointed at so far), trailer and %%EOF. */
    CraftedPdf revision() {
        long section = out.size();
        StringBuilder xref = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
        for (Map.Entry<Integer, Long> entry : table.entrySet()) {
            xref.append(entry.getKey()).append(" 1\n").append(String.format("%010d 00000 n \n", entry.getValue()));
        }
        xref.append("trailer\n<< /Size ").append(highest + 1).append(" /Root 1 0 R");
        if (previousSection >= 0) {
            xref.append(" /Prev ").append(previousSection);
        }
        xref.append(" >>\nstartxref\n").append(section).append("\n%%EOF\n");
        previousSection = section;
        table.clear();
        return text(xref.toString());
    }

    /** Ends the last revision and gives the bytes. */
    byte[] finish() {
        revision();
        return out.toByteArray();
    }
}
