package io.kyso.signer.page.confirmation;

import io.kyso.signer.request.Document;
import io.kyso.signer.storage.DocumentStore;
import jakarta.inject.Singleton;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * What the citizen sees of each document before confirming: a low-resolution PNG of a PDF's first
 * page, rendered by PDFBox on the server (the phone downloads a small image, never the PDF), and an
 * excerpt of an XML document. Both are cached in the document store next to the originals, so
 * each is made once; at most two render at a time, to keep CPU and memory for signing.
 * Thread-safe.
 */
@Singleton
public class DocumentPreviews {
    /** Wide enough for a 390 px phone at 2x density after CSS scaling to 20 rem; small enough to load fast. */
    static final int PREVIEW_WIDTH_PX = 480;
    private final Semaphore rendering = new Semaphore(2);
    private final DocumentStore store;

    public DocumentPreviews(DocumentStore store) {
        this.store = store;
    }

    /** The preview image of a PDF's first page, rendering it on first use. */
    public Path pdfPreview(Document doc) throws IOException {
        String key = "previews/" + doc.requestId() + "/" + doc.id() + ".png";
        if (!store.exists(key)) {
            Path temp = store.newTempFile();
            try {
                rendering.acquireUninterruptibly();
                try (OutputStream out = Files.newOutputStream(temp)) {
                    ImageIO.write(renderFirstPage(store.file(doc.originalKey())), "png", out);
                } finally {
                    rendering.release();
                }
                store.commit(store.stageFile(temp), key);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return store.file(key);
    }

    private static BufferedImage renderFirstPage(Path pdf) throws IOException {
        // temp-file stream cache: a large PDF is not held in memory to draw one page of it
        try (PDDocument document = Loader.loadPDF(pdf.toFile(), null, null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            PDRectangle box = document.getPage(0).getCropBox();
            boolean turned = document.getPage(0).getRotation() % 180 != 0;
            float width = turned ? box.getHeight() : box.getWidth();
            return new PDFRenderer(document).renderImage(0, PREVIEW_WIDTH_PX / width, ImageType.RGB);
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
