package io.kyso.signer.page.confirmation;

import io.kyso.signer.request.Document;
import io.kyso.signer.storage.DocumentStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the citizen sees of each document before confirming: a low-resolution PNG of a PDF's first
 * page, drawn on the server (the phone downloads a small image, never the PDF) within
 * {@link PreviewLimits} by {@link PreviewWorkers}, and an excerpt of an XML document. Both are kept
 * in the document store next to the originals, so each is made once; so is a refusal, so that a page
 * built to be expensive costs its limit once, not once per visit. Thread-safe.
 */
@Singleton
public class DocumentPreviews {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentPreviews.class);
    /** The preview's width at most; the citizen's page reserves that much. */
    static final int PREVIEW_WIDTH_PX = BoundedRenderer.MAX_WIDTH_PX;
    /** A4's proportions, as the page reserves them. */
    static final int PLACEHOLDER_HEIGHT_PX = Math.round(PREVIEW_WIDTH_PX * 297f / 210f);

    private final DocumentStore store;
    private final PreviewWorkers workers;
    private volatile byte[] placeholder;

    public DocumentPreviews(DocumentStore store, PreviewWorkers workers) {
        this.store = store;
        this.workers = workers;
    }

    /**
     * A PDF's first page: its image, or why there is none.
     *
     * @param image       the PNG, if the page could be drawn
     * @param unavailable otherwise the reason, in words for the log (never document content)
     */
    public record Preview(@Nullable Path image, @Nullable String unavailable) {
    }

    /** The preview of a PDF's first page, drawing it on first use. */
    public Preview pdfPreview(Document doc) throws IOException {
        String key = "previews/" + doc.requestId() + "/" + doc.id() + ".png";
        String refusedKey = "previews/" + doc.requestId() + "/" + doc.id() + ".unavailable";
        if (store.exists(key)) {
            return new Preview(store.file(key), null);
        }
        if (store.exists(refusedKey)) {
            return new Preview(null, Files.readString(store.file(refusedKey), StandardCharsets.UTF_8));
        }
        Path temp = store.newTempFile();
        try {
            workers.render(store.file(doc.originalKey()), temp);
            store.commit(store.stageFile(temp), key);
            return new Preview(store.file(key), null);
        } catch (PreviewUnavailableException e) {
            LOG.info("No preview of document {} of request {}: {}", doc.id(), doc.requestId(), e.getMessage());
            store.commit(store.stage(new ByteArrayInputStream(e.getMessage().getBytes(StandardCharsets.UTF_8))),
                    refusedKey);
            return new Preview(null, e.getMessage());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The image shown in place of a preview that could not be drawn: it says so, in Vietnamese and English. */
    public byte[] placeholder() {
        byte[] png = placeholder;
        if (png == null) {
            png = drawPlaceholder();
            placeholder = png;
        }
        return png;
    }

    private static byte[] drawPlaceholder() {
        BufferedImage image = new BufferedImage(PREVIEW_WIDTH_PX, PLACEHOLDER_HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try (InputStream in = DocumentPreviews.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xF2F2F2));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0x444444));
            g.setFont(Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(20f));
            int y = image.getHeight() / 2 - 20;
            for (String line : List.of("Không xem trước được trang này", "No preview of this page")) {
                int width = g.getFontMetrics().stringWidth(line);
                g.drawString(line, (image.getWidth() - width) / 2, y);
                y += 40;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the font /fonts/DejaVuSans.ttf cannot be read", e);
        } finally {
            g.dispose();
        }
    }

    /** The root element and a few lines of an XML document, parsed once and then read from the store. */
    public XmlExcerpt.Excerpt xmlExcerpt(Document doc) throws IOException {
        String key = "previews/" + doc.requestId() + "/" + doc.id() + ".txt";
        if (!store.exists(key)) {
            XmlExcerpt.Excerpt excerpt = XmlExcerpt.of(store.file(doc.originalKey()));
            // the root on the first line, then one line of text each (the excerpt's lines hold no line breaks)
            String text = excerpt.root() + "\n" + String.join("\n", excerpt.lines());
            store.commit(store.stage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), key);
        }
        List<String> lines = Files.readAllLines(store.file(key), StandardCharsets.UTF_8);
        return new XmlExcerpt.Excerpt(lines.get(0), lines.subList(1, lines.size()));
    }
}
