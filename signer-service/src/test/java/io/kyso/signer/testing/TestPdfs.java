package io.kyso.signer.testing;

import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.pdf.CompressionConstants;
import com.itextpdf.kernel.pdf.EncryptionConstants;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.element.Paragraph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

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

    /**
     * A PDF of about {@code bytes} written straight to {@code file}, like a scanned dossier: pages of
     * 512 KiB noise images (incompressible), stored without compression, flushed page by page.
     */
    public static void writeScanned(Path file, long bytes) throws IOException {
        int side = 724;
        int pages = (int) Math.max(1, bytes / ((long) side * side));
        Random noise = new Random(2025);
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(file.toString(),
                new WriterProperties().setCompressionLevel(CompressionConstants.NO_COMPRESSION)));
             Document doc = new Document(pdf)) {
            for (int i = 1; i <= pages; i++) {
                byte[] pixels = new byte[side * side];
                noise.nextBytes(pixels);
                if (i > 1) {
                    doc.add(new AreaBreak());
                }
                doc.add(new Paragraph("Trang " + i));
                doc.add(new Image(ImageDataFactory.create(side, side, 1, 8, pixels, null)).scaleToFit(400, 400));
            }
        }
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
