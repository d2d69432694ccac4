package io.kyso.bench.library;

import com.itextpdf.io.image.ImageData;
import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.element.Paragraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The documents every figure signs, generated with iText so a fresh clone needs no fixture files: a
 * 10-page text PDF, PDFs of a given size made of random-noise images (noise does not compress, so
 * the file is as large as its pixels), and a small XML declaration.
 */
public final class BenchDocuments {
    private static final int IMAGE_WIDTH = 1000;
    private static final int IMAGE_HEIGHT = 700;
    private static final String LOREM = "Hồ sơ đăng ký hộ kinh doanh. Người đề nghị cam kết nội dung kê khai là đúng sự thật "
            + "và chịu trách nhiệm trước pháp luật. The quick brown fox jumps over the lazy dog. ";

    private BenchDocuments() {
    }

    /** Writes (once) and returns the file for {@code name}: {@code 10-pages}, {@code <n>-MB} or {@code xml}. */
    public static Path file(Path dir, String name) {
        Path file = dir.resolve(name + (name.equals("xml") ? ".xml" : ".pdf"));
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, name, ".part");
            if (name.equals("xml")) {
                Files.writeString(partial, xml(), StandardCharsets.UTF_8);
            } else if (name.equals("10-pages")) {
                textPdf(partial, 10);
            } else if (name.endsWith("-MB")) {
                noisePdf(partial, Long.parseLong(name.substring(0, name.length() - 3)) << 20);
            } else {
                throw new IllegalArgumentException("unknown benchmark document " + name);
            }
            Files.move(partial, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void textPdf(Path out, int pages) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out.toString()));
             Document doc = new Document(pdf, PageSize.A4)) {
            for (int page = 1; page <= pages; page++) {
                if (page > 1) {
                    doc.add(new AreaBreak());
                }
                doc.add(new Paragraph("Page " + page + " of " + pages).setFontSize(16));
                for (int i = 0; i < 12; i++) {
                    doc.add(new Paragraph(LOREM.repeat(3)));
                }
            }
        }
    }

    /** Pages of one noise image each (2.1 MB of pixels) until the file reaches {@code bytes}. */
    private static void noisePdf(Path out, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] pixels = new byte[IMAGE_WIDTH * IMAGE_HEIGHT * 3];
        // no compression: the noise would not shrink, and deflating 100 MB only slows the set-up
        WriterProperties properties = new WriterProperties().setCompressionLevel(0);
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out.toString(), properties));
             Document doc = new Document(pdf, PageSize.A4)) {
            long written = 0;
            while (written < bytes) {
                int rows = (int) Math.min(IMAGE_HEIGHT, Math.max(1, (bytes - written) / (IMAGE_WIDTH * 3L)));
                for (int i = 0; i < rows * IMAGE_WIDTH * 3; i += 8) {
                    long r = random.nextLong();
                    for (int k = 0; k < 8 && i + k < pixels.length; k++) {
                        pixels[i + k] = (byte) (r >>> (8 * k));
                    }
                }
                byte[] slice = rows == IMAGE_HEIGHT ? pixels : java.util.Arrays.copyOf(pixels, rows * IMAGE_WIDTH * 3);
                ImageData image = ImageDataFactory.create(IMAGE_WIDTH, rows, 3, 8, slice, null);
                if (written > 0) {
                    doc.add(new AreaBreak());
                }
                doc.add(new Image(image).setAutoScale(true));
                written += slice.length;
                pdf.getLastPage().flush(true);
            }
        }
    }

    private static String xml() {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ToKhai xmlns=\"urn:kyso:bench\">\n");
        for (int i = 1; i <= 20; i++) {
            s.append("  <Dong so=\"").append(i).append("\"><NoiDung>").append(LOREM.strip()).append("</NoiDung></Dong>\n");
        }
        return s.append("</ToKhai>\n").toString();
    }
}
