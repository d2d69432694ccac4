package io.kyso.signer.signing.appearance;

import io.kyso.signer.signing.DocumentOptions;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfPage;
import io.kyso.signer.signing.DocumentOptions.Corner;
import io.kyso.signer.signing.DocumentOptions.Rect;
import io.kyso.signer.signing.DocumentOptions.VisibleSignature;

/**
 * Where a visible signature goes: its page and its widget rectangle in the page's default user
 * space (what the PDF's /Rect holds), plus its size as a reader sees it, which the text is fitted to.
 *
 * <p>Positions are understood <em>as the page is seen</em>: a corner, or an explicit {@link Rect}
 * measured in points from the lower-left corner of the visible page (its CropBox, turned by its
 * /Rotate). So "bottom right" is the bottom right a reader sees even on a landscape page stored as a
 * rotated portrait one; iText then turns the appearance so its text reads upright.
 *
 * <p>A requested page beyond the document falls back to the last page: intake refuses such
 * requests, and a signature at signing time is better placed on the last page than not at all.
 *
 * @param page   1-based page number, within the document
 * @param rect   the widget rectangle in default user space (before rotation)
 * @param width  the box's width as seen on the rotated page
 * @param height the box's height as seen on the rotated page
 */
public record VisibleSignatureLayout(int page, Rectangle rect, float width, float height) {
    /** The corner box's size and distance from the page's edges, in points. */
    public static final float DEFAULT_WIDTH = 220;
    public static final float DEFAULT_HEIGHT = 70;
    public static final float MARGIN = 36;

    /** Lays out {@code options} on {@code pdf}, which is only read. */
    public static VisibleSignatureLayout of(PdfDocument pdf, VisibleSignature options) {
        int pages = pdf.getNumberOfPages();
        int page = options.page() == null ? pages : Math.min(options.page(), pages);
        PdfPage pdfPage = pdf.getPage(page);
        View view = new View(pdfPage.getCropBox(), rotation(pdfPage));
        Rectangle seen = options.rect() != null ? explicit(options.rect()) : corner(view, options.position());
        return new VisibleSignatureLayout(page, view.toUserSpace(seen), seen.getWidth(), seen.getHeight());
    }

    private static Rectangle explicit(Rect rect) {
        return new Rectangle(rect.x(), rect.y(), rect.width(), rect.height());
    }

    /** The default box in a corner, shrunk on pages too small to hold it with its margins. */
    private static Rectangle corner(View view, Corner position) {
        Corner corner = position == null ? Corner.BOTTOM_RIGHT : position;
        float margin = Math.min(MARGIN, Math.min(view.width(), view.height()) / 10);
        float width = Math.min(DEFAULT_WIDTH, view.width() - 2 * margin);
        float height = Math.min(DEFAULT_HEIGHT, view.height() - 2 * margin);
        boolean right = corner == Corner.BOTTOM_RIGHT || corner == Corner.TOP_RIGHT;
        boolean top = corner == Corner.TOP_RIGHT || corner == Corner.TOP_LEFT;
        float x = right ? view.width() - margin - width : margin;
        float y = top ? view.height() - margin - height : margin;
        return new Rectangle(x, y, width, height);
    }

    /** /Rotate as 0, 90, 180 or 270 (the PDF allows any multiple of 90, negative too). */
    private static int rotation(PdfPage page) {
        return Math.floorMod(page.getRotation(), 360) / 90 * 90;
    }

    /**
     * The page as seen: the CropBox turned clockwise by {@code rotation}, with its origin at the lower
     * left of what the reader sees.
     */
    private record View(Rectangle crop, int rotation) {
        float width() {
            return rotation % 180 == 0 ? crop.getWidth() : crop.getHeight();
        }

        float height() {
            return rotation % 180 == 0 ? crop.getHeight() : crop.getWidth();
        }

        Rectangle toUserSpace(Rectangle seen) {
            float[] a = toUserSpace(seen.getLeft(), seen.getBottom());
            float[] b = toUserSpace(seen.getRight(), seen.getTop());
            return new Rectangle(Math.min(a[0], b[0]), Math.min(a[1], b[1]),
                    Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
        }

        /** Inverts the clockwise turn: a point seen at (u, v) is stored at the returned (x, y). */
        private float[] toUserSpace(float u, float v) {
            float w = crop.getWidth();
            float h = crop.getHeight();
            float[] offset = switch (rotation) {
                case 90 -> new float[] {w - v, u};
                case 180 -> new float[] {w - u, h - v};
                case 270 -> new float[] {v, h - u};
                default -> new float[] {u, v};
            };
            return new float[] {crop.getLeft() + offset[0], crop.getBottom() + offset[1]};
        }
    }
}
