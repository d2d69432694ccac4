package io.kyso.signer.testing;

import com.itextpdf.kernel.pdf.EncryptionConstants;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Paragraph;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** PDFs made on the spot for tests. */
public final class TestPdfs {
    private TestPdfs() {
    }

    /** A plain PDF with {@code pages} pages of text. */
    public static byte[] withPages(int pages, String text) {
        return write(new WriterProperties(), pages, text);
    }

    public static byte[] small() {
        return withPages(1, "Don dang ky ho kinh doanh");
    }

    /** Protected with a user password: no reader can open it without it. */
    public static byte[] encrypted() {
        WriterProperties props = new WriterProperties().setStandardEncryption(
                "user".getBytes(StandardCharsets.US_ASCII), "owner".getBytes(StandardCharsets.US_ASCII),
                EncryptionConstants.ALLOW_PRINTING, EncryptionConstants.ENCRYPTION_AES_256);
        return write(props, 1, "secret");
    }

    private static byte[] write(WriterProperties props, int pages, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out, props));
             Document doc = new Document(pdf)) {
            for (int i = 1; i <= pages; i++) {
                if (i > 1) {
                    doc.add(new AreaBreak());
                }
                doc.add(new Paragraph(text + " - page " + i));
            }
        }
        return out.toByteArray();
    }
}
