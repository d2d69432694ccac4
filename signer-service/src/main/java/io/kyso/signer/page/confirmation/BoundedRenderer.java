package io.kyso.signer.page.confirmation;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a PDF's first page within bounds set before drawing, whatever the page declares: the image
 * fits {@value #MAX_WIDTH_PX} x {@code maxHeightPx} (a page of 10 x 30,000 pt is drawn narrower
 * rather than taller), images are read subsampled to the size they are drawn at and refused above
 * {@code maxImagePixels} before they are decoded, and drawing stops after {@code maxOperators}
 * operators (forms, patterns and annotations included) or past the time limit (processor time,
 * checked between operators). Memory, and a single operation that never ends, are bounded by the
 * process it runs in ({@link PreviewWorkers}).
 */
final class BoundedRenderer {
    /** Wide enough for a 390 px phone at 2x density after CSS scaling to 20 rem; small enough to load fast. */
    static final int MAX_WIDTH_PX = 480;

    /** The limits the drawing itself applies. */
    record Bounds(int maxHeightPx, long maxImagePixels, int maxOperators, long timeLimitMillis) {
        static Bounds of(PreviewLimits limits) {
            return new Bounds(limits.maxHeightPx(), limits.maxImagePixels(), limits.maxOperators(),
                    limits.timeLimit().toMillis());
        }
    }

    private BoundedRenderer() {
    }

    static BufferedImage renderFirstPage(Path pdf, Bounds bounds) throws IOException, PreviewUnavailableException {
        // temp-file stream cache: a large PDF is not held in memory to draw one page of it
        try (PDDocument document = Loader.loadPDF(pdf.toFile(), null, null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            if (document.getNumberOfPages() < 1) {
                throw new PreviewUnavailableException("the document has no page");
            }
            PDPage page = document.getPage(0);
            float scale = scale(page, bounds);
            Renderer renderer = new Renderer(document, bounds);
            BufferedImage image;
            try {
                image = renderer.renderImage(0, scale, ImageType.RGB);
            } catch (LimitReached e) {
                throw new PreviewUnavailableException(e.getMessage());
            }
            if (renderer.refusal != null) {
                // reached inside an operator whose failure PDFBox logs and skips: the image is incomplete
                throw new PreviewUnavailableException(renderer.refusal);
            }
            return image;
        }
    }

    /** The scale that fits the page into the width and the height cap, never larger than the width asks. */
    static float scale(PDPage page, Bounds bounds) throws PreviewUnavailableException {
        PDRectangle box = page.getCropBox();
        boolean turned = page.getRotation() % 180 != 0;
        float width = turned ? box.getHeight() : box.getWidth();
        float height = turned ? box.getWidth() : box.getHeight();
        if (!(width > 0 && height > 0) || Float.isInfinite(width) || Float.isInfinite(height)) {
            throw new PreviewUnavailableException("the page has no size");
        }
        return Math.min(MAX_WIDTH_PX / width, bounds.maxHeightPx() / height);
    }

    /**
     * The drawing thread's processor time: the limit is on work, not on the wall clock, so that a busy
     * machine does not refuse pages it would draw when idle.
     */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Past a limit: unwinds the drawing (unchecked, so that PDFBox's per-operator error handling passes it on). */
    private static final class LimitReached extends RuntimeException {
        LimitReached(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final class Renderer extends PDFRenderer {
        private final Bounds bounds;
        private final long deadline;
        private int operators;
        private String refusal;

        Renderer(PDDocument document, Bounds bounds) {
            super(document);
            this.bounds = bounds;
            this.deadline = cpuNanos() + bounds.timeLimitMillis() * 1_000_000L;
            setSubsamplingAllowed(true);
            // a preview is small and seen once: speed over the last bit of smoothness
            RenderingHints hints = new RenderingHints(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hints.put(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
            hints.put(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            setRenderingHints(hints);
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new Drawer(parameters, this);
        }

        private void stop(String reason) {
            if (refusal == null) {
                refusal = reason;
            }
            throw new LimitReached(reason);
        }

        void countOperator() {
            if (refusal != null) {
                throw new LimitReached(refusal);
            }
            if (++operators > bounds.maxOperators()) {
                stop("the page has more than " + bounds.maxOperators() + " drawing operations");
            }
            if ((operators & 0xFF) == 0 && cpuNanos() > deadline) {
                stop("drawing the page takes more than " + bounds.timeLimitMillis() + " ms of processor time");
            }
        }

        void requireDrawable(long width, long height) {
            if (width <= 0 || height <= 0 || width * height > bounds.maxImagePixels()) {
                stop("the page has an image of " + width + " x " + height + " pixels, more than "
                        + bounds.maxImagePixels() + " pixels");
            }
        }
    }

    private static final class Drawer extends PageDrawer {
        private final Renderer renderer;

        Drawer(PageDrawerParameters parameters, Renderer renderer) throws IOException {
            super(parameters);
            this.renderer = renderer;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            renderer.countOperator();
            if ("BI".equals(operator.getName()) && operator.getImageParameters() != null) {
                // an inline image is decoded when its operator runs: check its declared size first
                COSDictionary p = operator.getImageParameters();
                renderer.requireDrawable(p.getLong(COSName.W, p.getLong(COSName.WIDTH, -1)),
                        p.getLong(COSName.H, p.getLong(COSName.HEIGHT, -1)));
            }
            super.processOperator(operator, operands);
        }

        @Override
        public void drawImage(PDImage image) throws IOException {
            renderer.requireDrawable(image.getWidth(), image.getHeight());
            super.drawImage(image);
        }
    }
}
