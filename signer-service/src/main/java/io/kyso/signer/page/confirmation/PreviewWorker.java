package io.kyso.signer.page.confirmation;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process that draws previews ({@link PreviewWorkers} starts it with a small heap): reads
 * "{@code <pdf>\t<png>}" lines on standard input and answers each with one line on standard output,
 * {@code OK} (the PNG is written) or {@code REFUSED <reason>}. Whatever a library prints goes to
 * standard error, never into the answers. A page that exhausts the heap ends the process
 * ({@code -XX:+ExitOnOutOfMemoryError}); one that draws for too long is ended by the service.
 *
 * <p>Arguments: max height px, max image pixels, max operators, time limit ms.
 */
public final class PreviewWorker {
    static final String READY = "READY";
    static final String OK = "OK";
    static final String REFUSED = "REFUSED ";

    private PreviewWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BoundedRenderer.Bounds bounds = new BoundedRenderer.Bounds(Integer.parseInt(args[0]), Long.parseLong(args[1]),
                Integer.parseInt(args[2]), Long.parseLong(args[3]));
        warmUp(bounds);
        answers.println(READY);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            int tab = line.indexOf('\t');
            answers.println(tab < 0 ? REFUSED + "malformed request"
                    : answer(Path.of(line.substring(0, tab)), Path.of(line.substring(tab + 1)), bounds));
        }
    }

    static String answer(Path pdf, Path png, BoundedRenderer.Bounds bounds) {
        try {
            BufferedImage image = BoundedRenderer.renderFirstPage(pdf, bounds);
            ImageIO.write(image, "png", png.toFile());
            return OK;
        } catch (PreviewUnavailableException e) {
            return REFUSED + oneLine(e.getMessage());
        } catch (StackOverflowError e) {
            return REFUSED + "the page nests its drawings too deeply";
        } catch (IOException | RuntimeException e) {
            return REFUSED + "the page cannot be drawn (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Draws a small page once before the first request: PDFBox's font set-up (a scan of the
     * system's fonts, the first time) would otherwise count against the first preview's time.
     */
    private static void warmUp(BoundedRenderer.Bounds bounds) throws IOException {
        Path pdf = Files.createTempFile("kyso-preview-warm-up", ".pdf");
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A6);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(20, 100);
                content.showText("Kyso");
                content.endText();
            }
            document.save(pdf.toFile());
            BoundedRenderer.renderFirstPage(pdf, bounds);
        } catch (PreviewUnavailableException e) {
            throw new IOException("the warm-up page was refused: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(pdf);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
    }
}
